package dev.storefront.subgraph.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;

import dev.storefront.tokens.TokenVerifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/**
 * The service's {@link TokenVerifier}, from configuration:
 * <ul>
 *     <li>{@code security.jwks.url} — the users service's key set, e.g.
 *     {@code http://localhost:8081/.well-known/jwks.json} (required once a method asks for a caller)</li>
 *     <li>{@code security.jwt.issuer} — required {@code iss}, default {@value #DEFAULT_ISSUER}</li>
 *     <li>{@code security.jwt.audience} — required audience, default {@value #DEFAULT_AUDIENCE}</li>
 *     <li>{@code security.jwks.cache-ttl} — how long fetched keys are used, default {@code PT5M}</li>
 *     <li>{@code security.jwks.refetch-interval} — least time between fetches caused by unknown
 *     key ids (rotation is picked up after at most this), default {@code PT10S}</li>
 *     <li>{@code security.jwt.clock-skew} — tolerance for expiry, default {@code PT30S}</li>
 * </ul>
 * The users service, which holds the keys itself, replaces this with an alternative producer.
 */
@ApplicationScoped
public class TokenVerifierProducer {

    /** Issuer the users service writes unless configured otherwise. */
    static final String DEFAULT_ISSUER = "storefront-users";
    /** Audience the users service writes unless configured otherwise. */
    static final String DEFAULT_AUDIENCE = "storefront";

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(Config config) {
        String url = config.getOptionalValue("security.jwks.url", String.class)
                .orElseThrow(() -> new IllegalStateException("security.jwks.url is not configured: set it (or SECURITY_JWKS_URL)"
                        + " to the users service's key set, e.g. http://localhost:8081/.well-known/jwks.json"));
        try {
            return TokenVerifier.remote(URI.create(url).toURL(),
                    config.getOptionalValue("security.jwks.cache-ttl", Duration.class).orElse(Duration.ofMinutes(5)),
                    config.getOptionalValue("security.jwks.refetch-interval", Duration.class).orElse(Duration.ofSeconds(10)),
                    policy(config));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("security.jwks.url is not a valid URL: " + url, e);
        }
    }

    /**
     * What tokens must say, from {@code security.jwt.issuer}, {@code security.jwt.audience} and
     * {@code security.jwt.clock-skew}; also used by the users service, which verifies against its own keys.
     */
    public static TokenVerifier.Policy policy(Config config) {
        return new TokenVerifier.Policy(
                config.getOptionalValue("security.jwt.issuer", String.class).orElse(DEFAULT_ISSUER),
                config.getOptionalValue("security.jwt.audience", String.class).orElse(DEFAULT_AUDIENCE),
                config.getOptionalValue("security.jwt.clock-skew", Duration.class).orElse(Duration.ofSeconds(30)));
    }
}
