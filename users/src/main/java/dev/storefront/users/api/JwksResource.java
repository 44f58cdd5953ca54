package dev.storefront.users.api;

import dev.storefront.users.auth.SigningKeys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The public keys tokens are signed with, as a JWKS (RFC 7517): every subgraph verifies bearer
 * tokens against it. Cacheable for five minutes, matching the verifiers' default cache.
 */
@Path("/.well-known/jwks.json")
@ApplicationScoped
public class JwksResource {

    private final SigningKeys keys;

    @Inject
    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        // toString() of a JWKSet prints public parameters only
        return Response.ok(keys.publicKeys().toString()).header("Cache-Control", "public, max-age=300").build();
    }
}
