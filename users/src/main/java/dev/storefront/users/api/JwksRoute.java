package dev.storefront.users.api;

import dev.storefront.users.auth.SigningKeys;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.microprofile.server.RoutingPath;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The public keys tokens are signed with, as a JWKS (RFC 7517): every subgraph verifies bearer
 * tokens against it. Cacheable for five minutes, matching the verifiers' default cache.
 */
@ApplicationScoped
@RoutingPath("/.well-known/jwks.json")
public class JwksRoute implements HttpService {

    private final SigningKeys keys;

    @Inject
    public JwksRoute(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> {
            res.headers().contentType(MediaTypes.create("application", "jwk-set+json"));
            res.header("Cache-Control", "public, max-age=300");
            // toString() of a JWKSet prints public parameters only
            res.send(keys.publicKeys().toString());
        });
    }
}
