package dev.storefront.users.auth;

import java.time.Duration;

import dev.storefront.tokens.TokenVerifier;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

import static jakarta.interceptor.Interceptor.Priority.APPLICATION;

/**
 * This service holds the keys itself, so it verifies bearer tokens against them directly instead
 * of fetching its own JWKS over HTTP: replaces subgraph-support's configured remote verifier.
 */
@Alternative
@Priority(APPLICATION)
@ApplicationScoped
class LocalTokenVerifier {

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(SigningKeys keys, Config config) {
        return new TokenVerifier(new ImmutableJWKSet<>(keys.publicKeys()), new TokenVerifier.Policy(TokenIssuer.issuer(config),
                TokenIssuer.audience(config), config.getOptionalValue("security.jwt.clock-skew", Duration.class).orElse(Duration.ofSeconds(30))));
    }
}
