package dev.storefront.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.security.BearerTokenVerifier;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.storefront.gateway.GatewayHttp.firstErrorCode;
import static dev.storefront.gateway.GatewayHttp.firstErrorMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Early bearer token checks and Authorization forwarding, against a real JWKS endpoint (the JDK
 * HTTP server publishing nimbus-generated RSA keys) like the one the users service publishes.
 */
class BearerTokenTest {
    private static final String ISSUER = "storefront-users";
    private static final String AUDIENCE = "storefront";

    private static RSAKey signingKey;
    private static volatile JWKSet published;
    private static volatile boolean jwksDown;
    private static final AtomicInteger jwksFetches = new AtomicInteger();
    private static HttpServer jwks;
    private static ShopGateway shop;
    private static GatewayServer server;
    private static GatewayHttp http;
    private static BearerTokenVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        published = new JWKSet(signingKey.toPublicJWK());
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            try (exchange) {
                jwksFetches.incrementAndGet();
                if (jwksDown) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] body = published.toString(true).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        jwks.start();
        // no refresh rate limit here so that the rotation test need not wait; rate limiting has its own test
        verifier = new BearerTokenVerifier(settings(Duration.ZERO));
        shop = new ShopGateway(OperationLimits.unlimited(), GatewayTracing.disabled(), SubgraphClient.Resilience.defaults());
        server = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of(), 10,
                true, true, verifier, GatewayTracing.disabled())).start();
        http = new GatewayHttp(server);
    }

    private static BearerTokenVerifier.Settings settings(Duration minRefresh) throws Exception {
        return new BearerTokenVerifier.Settings(
                URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json").toURL(),
                ISSUER, AUDIENCE, Duration.ofMinutes(5), minRefresh, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        server.stop();
        shop.close();
        jwks.stop(0);
    }

    @BeforeEach
    void reset() {
        shop.subgraphs.reset();
        jwksDown = false;
        published = new JWKSet(signingKey.toPublicJWK());
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("a1").issuer(ISSUER).audience(AUDIENCE)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void assertUnauthenticated(HttpResponse<String> response, String messagePart) throws Exception {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("UNAUTHENTICATED", firstErrorCode(response));
        assertTrue(firstErrorMessage(response).contains(messagePart), response.body());
        assertEquals("Bearer error=\"invalid_token\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/graphql-response+json"));
    }

    @Test
    void validTokenIsForwardedToEverySubgraphFetch() throws Exception {
        String token = sign(signingKey, claims().build());
        // catalog (root), inventory (entity jump with @requires) and accounts (seller entity)
        var response = http.post("{ product(id: \"p2\") { name shippingEstimate seller { name } } }",
                "Authorization", "Bearer " + token);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"data\":{\"product\":{\"name\":\"Product 2\""), response.body());
        for (var subgraph : List.of(shop.subgraphs.catalog, shop.subgraphs.inventory, shop.subgraphs.accounts)) {
            assertTrue(subgraph.requests() > 0, subgraph.name());
            for (Map<String, String> headers : subgraph.receivedHeaders()) {
                assertEquals("Bearer " + token, headers.get("authorization"), subgraph.name());
            }
        }
    }

    @Test
    void theSchemeIsCaseInsensitiveAndAnyWhitespaceSeparatesIt() throws Exception {
        String token = sign(signingKey, claims().build());
        assertTrue(verifier.verify("bearer " + token) instanceof BearerTokenVerifier.Result.Verified);
        assertTrue(verifier.verify(" BEARER\t  " + token + " ") instanceof BearerTokenVerifier.Result.Verified);
        assertTrue(verifier.verify("Bearer") instanceof BearerTokenVerifier.Result.Rejected);
        assertTrue(verifier.verify("Bearer" + token) instanceof BearerTokenVerifier.Result.Rejected);
        assertTrue(verifier.verify("Bearers " + token) instanceof BearerTokenVerifier.Result.Rejected);
    }

    @Test
    void aRepeatedTokenIsCheckedOnceAndCounted() throws Exception {
        String header = "Bearer " + sign(signingKey, claims().subject("repeat").build());
        long misses = verifier.cacheMisses();
        long hits = verifier.cacheHits();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, http.post("{ me { name } }", "Authorization", header).statusCode());
        }
        assertEquals(misses + 1, verifier.cacheMisses());
        assertEquals(hits + 2, verifier.cacheHits());
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("\ngateway_token_cache_hits_total " + verifier.cacheHits() + "\n"), metrics);
        assertTrue(metrics.contains("\ngateway_token_cache_misses_total " + verifier.cacheMisses() + "\n"), metrics);
    }

    @Test
    void requestsWithoutTokenPassThroughForSubgraphsToDecide() throws Exception {
        var response = http.post("{ me { name } }");
        assertEquals("{\"data\":{\"me\":{\"name\":\"Ada\"}}}", response.body());
        assertEquals(List.of(Map.of()), shop.subgraphs.accounts.receivedHeaders());
    }

    @Test
    void theClientAddressIsAppendedToXForwardedFor() throws Exception {
        http.post("{ me { name } }");
        assertEquals(List.of("127.0.0.1"), shop.subgraphs.accounts.receivedForwardedFor());
        shop.subgraphs.reset();
        http.post("{ me { name } }", "X-Forwarded-For", "203.0.113.9");
        // a client-supplied hop stays, the peer the gateway saw comes last (users trusts only that one)
        assertEquals(List.of("203.0.113.9, 127.0.0.1"), shop.subgraphs.accounts.receivedForwardedFor());
    }

    @Test
    void badTokensAreRejectedBeforeAnySubgraphIsCalled() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer "
                + sign(signingKey, claims().expirationTime(Date.from(Instant.now().minusSeconds(3600))).build())), "expired");
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer not.a.jwt"), "not a well-formed signed JWT");
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer "), "must be 'Bearer <token>'");
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Basic YWRhOnNlY3JldA=="), "must be 'Bearer <token>'");
        // same key id, another key: the signature does not verify
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer " + sign(otherKey, claims().build())),
                "not from a trusted key");
        // unsigned and HMAC tokens never pass, whatever their claims
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer " + new PlainJWT(claims().build()).serialize()),
                "not from a trusted key");
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer " + hmac.serialize()), "not from a trusted key");
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer "
                + sign(signingKey, claims().audience("another-app").build())), "aud");
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer "
                + sign(signingKey, claims().issuer("https://evil.example").build())), "iss");
        assertUnauthenticated(http.post("{ me { name } }", "Authorization", "Bearer "
                + sign(signingKey, claims().expirationTime(null).build())), "exp");
        assertEquals(0, shop.subgraphs.accounts.attempts(), "no subgraph saw a rejected request");
        // also refused under plain application/json: authentication is not a GraphQL execution result
        var json = http.postRaw("{\"query\":\"{ me { name } }\"}", "Content-Type", "application/json",
                "Accept", "application/json", "Authorization", "Bearer not.a.jwt");
        assertEquals(401, json.statusCode());
        http.assertHealthy();
    }

    @Test
    void unknownKeyIdRefreshesTheKeySet() throws Exception {
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("key-2").generate();
        String before = sign(signingKey, claims().build());
        assertEquals(200, http.post("{ me { name } }", "Authorization", "Bearer " + before).statusCode());
        int fetches = jwksFetches.get();
        published = new JWKSet(List.of(signingKey.toPublicJWK(), rotated.toPublicJWK()));
        var response = http.post("{ me { name } }", "Authorization", "Bearer " + sign(rotated, claims().build()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(fetches + 1, jwksFetches.get(), "one fetch for the new key id");
        // a known key id is served from the cache
        assertEquals(200, http.post("{ me { name } }", "Authorization", "Bearer " + before).statusCode());
        assertEquals(fetches + 1, jwksFetches.get());
    }

    @Test
    void madeUpKeyIdsCannotHammerTheKeySetEndpoint() throws Exception {
        // a gateway just started, with the production refetch interval: its first request fetches the key set
        BearerTokenVerifier limited = new BearerTokenVerifier(settings(Duration.ofSeconds(10)));
        GatewayServer limitedServer = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of(),
                10, true, true, limited, GatewayTracing.disabled())).start();
        try {
            GatewayHttp limitedHttp = new GatewayHttp(limitedServer);
            RSAKey stranger = new RSAKeyGenerator(2048).generate();
            List<String> forged = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                forged.add("Bearer " + sign(new RSAKey.Builder(stranger).keyID("made-up-" + i).build(), claims().build()));
            }
            int fetches = jwksFetches.get();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<HttpResponse<String>>> responses = new ArrayList<>();
                for (String header : forged) {
                    responses.add(clients.submit(() -> limitedHttp.post("{ me { name } }", "Authorization", header)));
                }
                for (Future<HttpResponse<String>> response : responses) {
                    // the same refusal as any untrusted signature, never "keys unavailable"
                    assertUnauthenticated(response.get(), "not from a trusted key");
                }
            } finally {
                clients.shutdown();
            }
            assertEquals(1, jwksFetches.get() - fetches, "200 concurrent made-up key ids: one fetch within the interval");
            assertInstanceOf(BearerTokenVerifier.Result.Verified.class, limited.verify("Bearer " + sign(signingKey, claims().build())));
            assertEquals(0, shop.subgraphs.accounts.attempts(), "no subgraph saw a forged token");
        } finally {
            limitedServer.stop();
        }
    }

    @Test
    void unreachableKeySetAnswers503NotAnInternalError() throws Exception {
        BearerTokenVerifier fresh = new BearerTokenVerifier(settings(Duration.ZERO));
        jwksDown = true;
        var result = fresh.verify("Bearer " + sign(signingKey, claims().build()));
        Object rejected = assertInstanceOf(BearerTokenVerifier.Result.Rejected.class, result);
        assertEquals(new BearerTokenVerifier.Result.Rejected(503, "AUTHENTICATION_UNAVAILABLE",
                "The bearer token cannot be verified right now: the signing keys are unavailable."), rejected);
    }

    @Test
    void verificationCostPerRequest() throws Exception {
        String token = sign(signingKey, claims().build());
        String header = "Bearer " + token;
        int warmup = 2_000;
        int measured = 5_000;
        for (int i = 0; i < warmup; i++) {
            assertInstanceOf(BearerTokenVerifier.Result.Verified.class, verifier.verify(header));
        }
        long start = System.nanoTime();
        int verified = 0;
        for (int i = 0; i < measured; i++) {
            if (verifier.verify(header) instanceof BearerTokenVerifier.Result.Verified) {
                verified++;
            }
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / measured;
        System.out.printf("JWT verification (RS256, 2048-bit key, cached JWKS): %.1f us per request over %d requests%n",
                micros, measured);
        assertEquals(measured, verified);
    }
}
