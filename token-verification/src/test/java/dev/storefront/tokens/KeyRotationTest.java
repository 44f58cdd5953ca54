package dev.storefront.tokens;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.storefront.tokens.testing.JwksEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Key rotation as a running verifier (the gateway's or a subgraph's) sees it: the users service publishes a changing JWKS (a real
 * HTTP endpoint here, counting its fetches) and one {@link TokenVerifier} keeps running. The key
 * set's clock (time to live, refetch interval) is moved by the test; token times are real.
 */
class KeyRotationTest {

    private static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);

    private static RSAKey oldKey;
    private static RSAKey newKey;
    private static RSAKey forger;
    private static JwksEndpoint jwks;

    private final AtomicLong nanos = new AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        oldKey = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        newKey = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        forger = new RSAKeyGenerator(2048).keyID("forger").generate();
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

    private TokenVerifier runningVerifier() throws IOException {
        return new TokenVerifier(new PublishedKeys(jwks.url(), TIME_TO_LIVE, REFETCH_INTERVAL, nanos::get),
                new TokenVerifier.Policy("storefront-users", "storefront", Duration.ofSeconds(30)), Clock.systemUTC(), nanos::get,
                TokenVerifier.REMEMBERED_TOKENS);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aKeyAddedAfterTheSetWasCachedVerifiesItsFirstTokenAndTheRetiredKeyStillVerifies() throws Exception {
        TokenVerifier verifier = runningVerifier();
        String signedByOld = token(oldKey, "user-1");
        assertThat(verifier.verify(signedByOld).subject(), is("user-1"));
        int before = jwks.fetches();

        // users: the new key becomes current, the old one stays published (retired) until its tokens expire
        jwks.publish(new JWKSet(List.of(newKey.toPublicJWK(), oldKey.toPublicJWK())));
        advance(REFETCH_INTERVAL);
        // the cached set (5 min to live) lacks the new key id: fetched again at once
        assertThat(verifier.verify(token(newKey, "user-2")).subject(), is("user-2"));
        assertThat(jwks.fetches() - before, is(1));
        assertThat(verifier.verify(token(oldKey, "user-3")).subject(), is("user-3"));
        assertThat(verifier.verify(token(newKey, "user-4")).subject(), is("user-4"));
        assertThat("known key ids are served from the cached set", jwks.fetches() - before, is(1));
    }

    @Test
    void unknownKeyIdsFetchTheSetAtMostOncePerIntervalAndAreRefusedAsForgeries() throws Exception {
        TokenVerifier verifier = runningVerifier();
        assertThat(verifier.verify(token(oldKey, "user-1")).subject(), is("user-1"));
        advance(REFETCH_INTERVAL);
        int before = jwks.fetches();

        assertThat(flood(verifier, 400), is(400));
        assertThat("400 made-up key ids, one fetch", jwks.fetches() - before, is(1));
        assertThat(flood(verifier, 400), is(400));
        assertThat("none within the interval", jwks.fetches() - before, is(1));
        advance(REFETCH_INTERVAL);
        assertThat(flood(verifier, 400), is(400));
        assertThat("one more in the next interval", jwks.fetches() - before, is(2));
        assertThat(verifier.verify(token(oldKey, "user-1")).subject(), is("user-1"));
    }

    @Test
    void aKeyDroppedFromTheSetIsRefusedOnceTheSetIsFetchedAgainEvenForARememberedToken() throws Exception {
        TokenVerifier verifier = runningVerifier();
        String signedByOld = token(oldKey, "user-1");
        assertThat(verifier.verify(signedByOld).subject(), is("user-1"));

        // users stops publishing the old key (e.g. it leaked) and signs with a new one
        jwks.publish(new JWKSet(newKey.toPublicJWK()));
        assertThat("until the set is fetched again, the old key's token is trusted", verifier.verify(signedByOld).subject(),
                is("user-1"));
        advance(REFETCH_INTERVAL);
        assertThat(verifier.verify(token(newKey, "user-2")).subject(), is("user-2"));
        // the remembered token is forgotten with its key, not kept for up to a minute
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifier.verify(signedByOld));
        assertThat(refused.reason(), is(InvalidTokenException.Reason.BAD_SIGNATURE));
        assertThat(refused.getMessage(), is("The token's signature is not from a trusted key"));
    }

    @Test
    void theSetIsFetchedAgainAfterItsTimeToLive() throws Exception {
        TokenVerifier verifier = runningVerifier();
        assertThat(verifier.verify(token(oldKey, "user-1")).subject(), is("user-1"));
        int before = jwks.fetches();
        jwks.publish(new JWKSet(newKey.toPublicJWK()));
        advance(TIME_TO_LIVE);
        assertThat(verifier.verify(token(newKey, "user-2")).subject(), is("user-2"));
        assertThat(jwks.fetches() - before, is(1));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(token(oldKey, "user-3")));
        assertThat("a key id gone from a set just fetched waits for the interval", jwks.fetches() - before, is(1));
    }

    /** @return how many of {@code count} tokens with made-up key ids, verified from 8 threads at once, were refused as forgeries */
    private static int flood(TokenVerifier verifier, int count) throws Exception {
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            forged.add(token(new RSAKey.Builder(forger).keyID("made-up-" + i).build(), "user-1"));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<InvalidTokenException.Reason>> outcomes = new ArrayList<>();
            for (String token : forged) {
                outcomes.add(threads.submit(() -> {
                    try {
                        verifier.verify(token);
                        return null;
                    } catch (InvalidTokenException e) {
                        return e.reason();
                    }
                }));
            }
            int refused = 0;
            for (Future<InvalidTokenException.Reason> outcome : outcomes) {
                if (outcome.get() == InvalidTokenException.Reason.BAD_SIGNATURE) {
                    refused++;
                }
            }
            return refused;
        } finally {
            threads.shutdown();
        }
    }

    private static String token(JWK key, String subject) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("storefront-users").audience("storefront").subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("groups", List.of("CUSTOMER"))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key.toRSAKey()));
        return jwt.serialize();
    }
}
