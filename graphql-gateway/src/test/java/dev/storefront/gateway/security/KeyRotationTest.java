package dev.storefront.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.storefront.keys.testing.JwksEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Key rotation as a running gateway sees it: the users service's JWKS (a real HTTP endpoint here,
 * counting its fetches) changes while one verifier keeps running with the production refetch
 * interval. The verifier's clock (key set time to live, refetch interval, verified-token cache)
 * is a test ticker; token times are real.
 */
class KeyRotationTest {
    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);

    private static RSAKey oldKey;
    private static RSAKey newKey;
    private static JwksEndpoint jwks;

    private final AtomicLong clock = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        oldKey = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        newKey = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        jwks = new JwksEndpoint();
    }

    @AfterAll
    static void stop() {
        jwks.close();
    }

    @BeforeEach
    void publishTheOldKeyOnly() {
        jwks.publish(new JWKSet(oldKey.toPublicJWK()));
    }

    private BearerTokenVerifier runningVerifier() throws Exception {
        var settings = new BearerTokenVerifier.Settings(
                jwks.url(),
                "storefront-users", "storefront", TIME_TO_LIVE, REFETCH_INTERVAL);
        return new BearerTokenVerifier(settings, 100, clock::get);
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    private static String token(JWK key, String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("storefront-users").audience("storefront")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key.toRSAKey()));
        return "Bearer " + jwt.serialize();
    }

    private static String subject(BearerTokenVerifier verifier, String header) throws Exception {
        return assertInstanceOf(BearerTokenVerifier.Result.Verified.class, verifier.verify(header)).claims().getSubject();
    }

    @Test
    void aKeyAddedAfterTheSetWasCachedVerifiesItsFirstTokenAndTheRetiredKeyStillVerifies() throws Exception {
        BearerTokenVerifier verifier = runningVerifier();
        assertEquals("a1", subject(verifier, token(oldKey, "a1")));
        int before = jwks.fetches();
        // users: the new key becomes current, the old one stays published (retired) until its tokens expire
        jwks.publish(new JWKSet(List.of(newKey.toPublicJWK(), oldKey.toPublicJWK())));
        advance(REFETCH_INTERVAL);
        // the cached set (5 min to live) lacks the new key id: fetched again at once
        assertEquals("a2", subject(verifier, token(newKey, "a2")));
        assertEquals(1, jwks.fetches() - before);
        assertEquals("a3", subject(verifier, token(oldKey, "a3")));
        assertEquals("a4", subject(verifier, token(newKey, "a4")));
        assertEquals(1, jwks.fetches() - before, "known key ids are served from the cached set");
    }

    @Test
    void aKeyDroppedFromTheSetIsRefusedOnceTheSetIsFetchedAgainEvenForARememberedToken() throws Exception {
        BearerTokenVerifier verifier = runningVerifier();
        String signedByOld = token(oldKey, "a1");
        assertEquals("a1", subject(verifier, signedByOld));
        // users stops publishing the old key (e.g. it leaked) and signs with a new one
        jwks.publish(new JWKSet(newKey.toPublicJWK()));
        assertEquals("a1", subject(verifier, signedByOld), "until the set is fetched again, the old key's token is trusted");
        advance(REFETCH_INTERVAL);
        assertEquals("a2", subject(verifier, token(newKey, "a2")));
        // 10 s after it was remembered: forgotten with its key, not kept for the rest of the minute
        assertEquals(new BearerTokenVerifier.Result.Rejected(401, "UNAUTHENTICATED", "The bearer token was rejected: its "
                + "signature cannot be verified with the published RS256 keys."), verifier.verify(signedByOld));
    }

    @Test
    void withinTheIntervalANewKeyIdIsRefusedWithoutAFetch() throws Exception {
        BearerTokenVerifier verifier = runningVerifier();
        assertEquals("a1", subject(verifier, token(oldKey, "a1")));
        int before = jwks.fetches();
        jwks.publish(new JWKSet(List.of(newKey.toPublicJWK(), oldKey.toPublicJWK())));
        advance(REFETCH_INTERVAL.minusSeconds(1));
        assertInstanceOf(BearerTokenVerifier.Result.Rejected.class, verifier.verify(token(newKey, "a2")));
        assertEquals(0, jwks.fetches() - before);
        advance(Duration.ofSeconds(1));
        assertEquals("a2", subject(verifier, token(newKey, "a2")));
        assertEquals(1, jwks.fetches() - before);
    }
}
