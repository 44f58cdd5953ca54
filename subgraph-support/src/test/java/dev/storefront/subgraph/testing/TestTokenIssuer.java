package dev.storefront.subgraph.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stands in for the users service in a subgraph's tests: signs tokens with a test RSA key and
 * serves its JWKS over HTTP, and points the service at it by setting {@code security.jwks.url}
 * (plus issuer and audience) as system properties. Register it before {@code @HelidonTest}:
 * {@code @ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})}.
 *
 * <p>Besides valid tokens it mints the ones a protected operation must refuse: expired, signed
 * by a key outside the JWKS, issued for another audience.
 */
public class TestTokenIssuer implements BeforeAllCallback, AfterAllCallback {

    public static final String ISSUER = "storefront-users";
    public static final String AUDIENCE = "storefront";

    private static final RSAKey SIGNING_KEY = generate("test-key");
    // same key id as the trusted key, other key material: a forgery attempt
    private static final RSAKey FOREIGN_KEY = generate("test-key");
    private static final AtomicInteger FETCHES = new AtomicInteger();

    private HttpServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(SIGNING_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/.well-known/jwks.json", exchange -> {
            FETCHES.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        System.setProperty("security.jwks.url", jwksUrl());
        System.setProperty("security.jwt.issuer", ISSUER);
        System.setProperty("security.jwt.audience", AUDIENCE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop(0);
        System.clearProperty("security.jwks.url");
    }

    private String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** @return how many times the key set was fetched since the JVM started */
    public static int jwksFetches() {
        return FETCHES.get();
    }

    /**
     * A valid token for one hour.
     *
     * @param userId subject
     * @param roles  {@code groups}, e.g. {@code CUSTOMER}
     * @return compact JWS
     */
    public static String token(String userId, String... roles) {
        return sign(SIGNING_KEY, claims(userId, AUDIENCE, Instant.now(), Duration.ofHours(1), roles));
    }

    /** @return a token that expired ten minutes ago (beyond any clock skew) */
    public static String expiredToken(String userId, String... roles) {
        return sign(SIGNING_KEY, claims(userId, AUDIENCE, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(110), roles));
    }

    /** @return a token with the trusted key id but signed by another key */
    public static String tokenSignedByAnotherKey(String userId, String... roles) {
        return sign(FOREIGN_KEY, claims(userId, AUDIENCE, Instant.now(), Duration.ofHours(1), roles));
    }

    /** @return a correctly signed token for another audience */
    public static String tokenForAudience(String audience, String userId, String... roles) {
        return sign(SIGNING_KEY, claims(userId, audience, Instant.now(), Duration.ofHours(1), roles));
    }

    private static JWTClaimsSet claims(String userId, String audience, Instant issuedAt, Duration lifetime, String... roles) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(userId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("groups", List.of(roles))
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
