package dev.storefront.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How long and how many verified tokens are remembered, seen through the cache's hit and miss
 * counts (a miss is a full RS256 and claims check), against a real JWKS endpoint. The cache's
 * clock is a test ticker; token {@code exp} claims are real times, checked by nimbus on every miss.
 */
class VerifiedTokenCacheTest {
    private static RSAKey signingKey;
    private static HttpServer jwks;

    @BeforeAll
    static void start() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        byte[] body = new JWKSet(signingKey.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        jwks.start();
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    private static TokenVerifier verifier(int cacheSize, AtomicLong clockNanos) throws Exception {
        URL url = URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json").toURL();
        return new TokenVerifier(new PublishedKeys(url, Duration.ofMinutes(5), Duration.ZERO, clockNanos::get),
                new TokenVerifier.Policy("storefront-users", "storefront", Duration.ofSeconds(30)), Clock.systemUTC(),
                clockNanos::get, cacheSize);
    }

    private static String token(String subject, Instant expires, String audience) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("storefront-users").audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").build(), claims);
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static void assertVerified(TokenVerifier verifier, String token) throws InvalidTokenException {
        verifier.verify(token);
    }

    private static void advance(AtomicLong clockNanos, Duration by) {
        clockNanos.addAndGet(by.toNanos());
    }

    @Test
    void aTokenIsRememberedUntilItsExpWhenThatComesBeforeTheMinute() throws Exception {
        AtomicLong clock = new AtomicLong();
        TokenVerifier verifier = verifier(100, clock);
        // exp 20 s ahead (whole seconds in the claim: up to a second less)
        String shortLived = token("a1", Instant.now().plusSeconds(20), "storefront");
        assertVerified(verifier, shortLived);
        assertEquals(1, verifier.cacheMisses());
        advance(clock, Duration.ofSeconds(18));
        assertVerified(verifier, shortLived);
        assertEquals(1, verifier.cacheHits(), "remembered before its exp");
        advance(clock, Duration.ofSeconds(3));
        // 21 s on the cache's clock: past exp, so checked again (still accepted: within the 30 s clock skew)
        assertVerified(verifier, shortLived);
        assertEquals(2, verifier.cacheMisses(), "checked again after its exp, not kept for the full minute");
    }

    @Test
    void aLongLivedTokenIsCheckedAgainAfterTheMinute() throws Exception {
        AtomicLong clock = new AtomicLong();
        TokenVerifier verifier = verifier(100, clock);
        String longLived = token("a1", Instant.now().plusSeconds(3600), "storefront");
        assertVerified(verifier, longLived);
        advance(clock, Duration.ofSeconds(59));
        assertVerified(verifier, longLived);
        assertEquals(1, verifier.cacheHits());
        advance(clock, Duration.ofSeconds(2));
        assertVerified(verifier, longLived);
        assertEquals(2, verifier.cacheMisses(), "a key withdrawn from the key set stops accepting within the minute");
        assertVerified(verifier, longLived);
        assertEquals(2, verifier.cacheHits(), "remembered again after the new check");
    }

    @Test
    void refusalsAreNeverRemembered() throws Exception {
        TokenVerifier verifier = verifier(100, new AtomicLong());
        String foreign = token("a1", Instant.now().plusSeconds(600), "another-app");
        for (int i = 0; i < 3; i++) {
            assertThrows(InvalidTokenException.class, () -> verifier.verify(foreign));
        }
        assertEquals(0, verifier.cacheHits());
        assertEquals(3, verifier.cacheMisses());
    }

    @Test
    void activeShoppersTokensSurviveABurstOfOneOffTokens() throws Exception {
        TokenVerifier verifier = verifier(20, new AtomicLong());
        // a running gateway's cache is populated; Caffeine counts use frequencies from half full on
        for (int i = 0; i < 12; i++) {
            assertVerified(verifier, token("earlier-" + i, Instant.now().plusSeconds(600), "storefront"));
        }
        List<String> shoppers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            shoppers.add(token("shopper-" + i, Instant.now().plusSeconds(600), "storefront"));
        }
        for (int round = 0; round < 10; round++) {
            for (String token : shoppers) {
                assertVerified(verifier, token);
            }
        }
        // five times the cache size of tokens seen once (a crawler signing in over and over):
        // emptying the cache when full would make every shopper's next request a full RS256 check
        for (int i = 0; i < 100; i++) {
            assertVerified(verifier, token("one-off-" + i, Instant.now().plusSeconds(600), "storefront"));
        }
        long misses = verifier.cacheMisses();
        for (String token : shoppers) {
                assertVerified(verifier, token);
            }
        assertEquals(misses, verifier.cacheMisses(), "a shopper's token was checked again");
    }
}
