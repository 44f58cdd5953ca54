package dev.storefront.subgraph.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

import dev.storefront.subgraph.testing.TestTokenIssuer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

@ExtendWith(TestTokenIssuer.class)
class TokenVerifierTest {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private static TokenVerifier remote(String issuer, String audience) throws Exception {
        return TokenVerifier.remote(URI.create(System.getProperty("security.jwks.url")).toURL(), issuer, audience,
                Duration.ofMinutes(5), Duration.ofSeconds(10), SKEW);
    }

    @Test
    void acceptsATokenOfTheJwksAndReadsSubjectAndGroups() throws Exception {
        Caller caller = remote(TestTokenIssuer.ISSUER, TestTokenIssuer.AUDIENCE)
                .verify(TestTokenIssuer.token("user-3", "CUSTOMER", "ADMIN"));
        assertThat(caller, is(new Caller("user-3", Set.of("CUSTOMER", "ADMIN"))));
    }

    @Test
    void fetchesTheKeySetOnceForManyTokens() throws Exception {
        TokenVerifier verifier = remote(TestTokenIssuer.ISSUER, TestTokenIssuer.AUDIENCE);
        int before = TestTokenIssuer.jwksFetches();
        for (int i = 0; i < 20; i++) {
            verifier.verify(TestTokenIssuer.token("user-" + i, "CUSTOMER"));
        }
        assertThat(TestTokenIssuer.jwksFetches() - before, is(1));
    }

    @Test
    void refusesEachKindOfUntrustworthyToken() throws Exception {
        TokenVerifier verifier = remote(TestTokenIssuer.ISSUER, TestTokenIssuer.AUDIENCE);
        assertReason(verifier, TestTokenIssuer.expiredToken("user-1", "CUSTOMER"), InvalidTokenException.Reason.EXPIRED);
        assertReason(verifier, TestTokenIssuer.tokenSignedByAnotherKey("user-1", "ADMIN"), InvalidTokenException.Reason.BAD_SIGNATURE);
        assertReason(verifier, TestTokenIssuer.tokenForAudience("elsewhere", "user-1"), InvalidTokenException.Reason.WRONG_AUDIENCE);
        assertReason(remote("another-issuer", TestTokenIssuer.AUDIENCE), TestTokenIssuer.token("user-1"),
                InvalidTokenException.Reason.WRONG_ISSUER);
        assertReason(verifier, "garbage", InvalidTokenException.Reason.MALFORMED);
        // "alg": "none" must never pass, whatever its claims say
        String unsigned = new PlainJWT(claims("user-1", Instant.now()).build()).serialize();
        assertReason(verifier, unsigned, InvalidTokenException.Reason.BAD_SIGNATURE);
    }

    @Test
    void keysUnavailableIsNotMistakenForABadToken() throws Exception {
        TokenVerifier unreachable = TokenVerifier.remote(URI.create("http://127.0.0.1:9/.well-known/jwks.json").toURL(),
                TestTokenIssuer.ISSUER, TestTokenIssuer.AUDIENCE, Duration.ofMinutes(5), Duration.ofSeconds(10), SKEW);
        assertReason(unreachable, TestTokenIssuer.token("user-1", "CUSTOMER"), InvalidTokenException.Reason.KEYS_UNAVAILABLE);
    }

    @Test
    void acceptsEs256AndAppliesClockSkewToExpiry() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        TokenVerifier verifier = new TokenVerifier(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
                TestTokenIssuer.ISSUER, TestTokenIssuer.AUDIENCE, SKEW, Clock.fixed(now, ZoneOffset.UTC));

        String expiredTenSecondsAgo = es256(key, claims("user-2", now.minus(Duration.ofHours(1)))
                .expirationTime(Date.from(now.minusSeconds(10))).build());
        assertThat(verifier.verify(expiredTenSecondsAgo).userId(), is("user-2"));

        String expiredAMinuteAgo = es256(key, claims("user-2", now.minus(Duration.ofHours(1)))
                .expirationTime(Date.from(now.minusSeconds(60))).build());
        assertReason(verifier, expiredAMinuteAgo, InvalidTokenException.Reason.EXPIRED);

        String noSubject = es256(key, claims(null, now).build());
        assertReason(verifier, noSubject, InvalidTokenException.Reason.INVALID_CLAIMS);
    }

    /**
     * What one verification costs once the key set is cached (RS256, 2048-bit key): the figure
     * the lead quotes per request. Printed, and bounded loosely so a regression (say a fetch per
     * token) fails.
     */
    @Test
    void verificationCostPerToken() throws Exception {
        TokenVerifier verifier = remote(TestTokenIssuer.ISSUER, TestTokenIssuer.AUDIENCE);
        String token = TestTokenIssuer.token("user-1", "CUSTOMER");
        for (int i = 0; i < 2000; i++) {
            verifier.verify(token);
        }
        int rounds = 5000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            verifier.verify(token);
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds;
        System.out.printf("RS256 token verification: %.1f us per token (%d rounds)%n", micros, rounds);
        assertThat(micros, lessThan(2000.0));
    }

    private static JWTClaimsSet.Builder claims(String subject, Instant issuedAt) {
        return new JWTClaimsSet.Builder().issuer(TestTokenIssuer.ISSUER).audience(TestTokenIssuer.AUDIENCE)
                .subject(subject).issueTime(Date.from(issuedAt)).expirationTime(Date.from(issuedAt.plusSeconds(3600)))
                .claim("groups", List.of("CUSTOMER"));
    }

    private static String es256(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static void assertReason(TokenVerifier verifier, String token, InvalidTokenException.Reason reason) {
        InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        assertThat(e.getMessage(), e.reason(), is(reason));
    }
}
