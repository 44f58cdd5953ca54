package dev.storefront.users.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import dev.storefront.tokens.TokenVerifier;
import dev.storefront.users.domain.User;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Signs access tokens: RS256 JWTs with {@code iss}, {@code aud}, {@code sub} (the user id),
 * {@code iat}, {@code exp}, {@code jti}, the key id in the header, and the role in
 * {@code groups} as MicroProfile JWT expects. Configured by {@code users.jwt.issuer},
 * {@code users.jwt.audience} and {@code users.jwt.token-lifetime} (default 15 minutes: a
 * session's refresh token gets the next one, see {@link SessionService}).
 */
@ApplicationScoped
public class TokenIssuer {

    private final SigningKeys keys;
    private final RSASSASigner signer;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock = Clock.systemUTC();

    @Inject
    TokenIssuer(SigningKeys keys, Config config) {
        this.keys = keys;
        this.issuer = issuer(config);
        this.audience = audience(config);
        this.lifetime = config.getOptionalValue("users.jwt.token-lifetime", Duration.class).orElse(Duration.ofMinutes(15));
        try {
            this.signer = new RSASSASigner(keys.signingKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String issuer(Config config) {
        return config.getOptionalValue("users.jwt.issuer", String.class).orElse("storefront-users");
    }

    static String audience(Config config) {
        return config.getOptionalValue("users.jwt.audience", String.class).orElse("storefront");
    }

    /**
     * @param user the account signing in
     * @return a token valid from now for the configured lifetime
     */
    public Issued issue(User user) {
        return issue(user, clock.instant());
    }

    /**
     * @param user     the account
     * @param issuedAt issue time (tests mint expired tokens with it)
     * @return the signed token and its expiry
     */
    public Issued issue(User user, Instant issuedAt) {
        Instant expiresAt = issuedAt.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(user.getId())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenVerifier.GROUPS_CLAIM, List.of(user.getRole().name()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT).keyID(keys.signingKey().getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a token failed", e);
        }
        return new Issued(jwt.serialize(), expiresAt);
    }

    /**
     * A signed token.
     *
     * @param token     compact JWS
     * @param expiresAt its {@code exp}
     */
    public record Issued(String token, Instant expiresAt) {
    }
}
