package dev.storefront.tokens;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.storefront.tokens.testing.JwksEndpoint;
import dev.storefront.tokens.testing.TestTokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one verification policy every verifier applies, against a real JWKS endpoint. */
class TokenVerifierTest {

    private static JwksEndpoint jwks;

    @BeforeAll
    static void start() {
        jwks = new JwksEndpoint();
        jwks.publish(TestTokens.trustedKeys());
    }

    @AfterAll
    static void stop() {
        jwks.close();
    }

    private static final Duration SKEW = Duration.ofSeconds(30);

    private static TokenVerifier remote(String issuer, String audience) throws Exception {
        return TokenVerifier.remote(jwks.url(), Duration.ofMinutes(5), Duration.ofSeconds(10),
                new TokenVerifier.Policy(issuer, audience, SKEW));
    }

    @Test
    void acceptsATokenOfTheJwksAndReadsSubjectAndGroups() throws Exception {
        VerifiedToken token = remote(TestTokens.ISSUER, TestTokens.AUDIENCE)
                .verify(TestTokens.token("user-3", "CUSTOMER", "ADMIN"));
        assertThat(token.subject(), is("user-3"));
        assertThat(token.roles(), is(Set.of("CUSTOMER", "ADMIN")));
    }

    @Test
    void fetchesTheKeySetOnceForManyTokens() throws Exception {
        TokenVerifier verifier = remote(TestTokens.ISSUER, TestTokens.AUDIENCE);
        int before = jwks.fetches();
        for (int i = 0; i < 20; i++) {
            verifier.verify(TestTokens.token("user-" + i, "CUSTOMER"));
        }
        assertThat(jwks.fetches() - before, is(1));
    }

    @Test
    void refusesEachKindOfUntrustworthyToken() throws Exception {
        TokenVerifier verifier = remote(TestTokens.ISSUER, TestTokens.AUDIENCE);
        assertReason(verifier, TestTokens.expiredToken("user-1", "CUSTOMER"), InvalidTokenException.Reason.EXPIRED);
        assertReason(verifier, TestTokens.tokenSignedByAnotherKey("user-1", "ADMIN"), InvalidTokenException.Reason.BAD_SIGNATURE);
        assertReason(verifier, TestTokens.tokenForAudience("elsewhere", "user-1"), InvalidTokenException.Reason.WRONG_AUDIENCE);
        assertReason(remote("another-issuer", TestTokens.AUDIENCE), TestTokens.token("user-1"),
                InvalidTokenException.Reason.WRONG_ISSUER);
        assertReason(verifier, "garbage", InvalidTokenException.Reason.MALFORMED);
        // "alg": "none" must never pass, whatever its claims say
        String unsigned = new PlainJWT(claims("user-1", Instant.now()).build()).serialize();
        assertReason(verifier, unsigned, InvalidTokenException.Reason.BAD_SIGNATURE);
    }

    @Test
    void keysUnavailableIsNotMistakenForABadToken() throws Exception {
        TokenVerifier unreachable = TokenVerifier.remote(URI.create("http://127.0.0.1:9/.well-known/jwks.json").toURL(),
                Duration.ofMinutes(5), Duration.ofSeconds(10), new TokenVerifier.Policy(TestTokens.ISSUER, TestTokens.AUDIENCE, SKEW));
        assertReason(unreachable, TestTokens.token("user-1", "CUSTOMER"), InvalidTokenException.Reason.KEYS_UNAVAILABLE);
    }

    @Test
    void acceptsEs256AndAppliesClockSkewToExpiry() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        TokenVerifier verifier = new TokenVerifier(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())),
                new TokenVerifier.Policy(TestTokens.ISSUER, TestTokens.AUDIENCE, SKEW), Clock.fixed(now, ZoneOffset.UTC), System::nanoTime, TokenVerifier.REMEMBERED_TOKENS);

        String expiredTenSecondsAgo = es256(key, claims("user-2", now.minus(Duration.ofHours(1)))
                .expirationTime(Date.from(now.minusSeconds(10))).build());
        assertThat(verifier.verify(expiredTenSecondsAgo).subject(), is("user-2"));

        String expiredAMinuteAgo = es256(key, claims("user-2", now.minus(Duration.ofHours(1)))
                .expirationTime(Date.from(now.minusSeconds(60))).build());
        assertReason(verifier, expiredAMinuteAgo, InvalidTokenException.Reason.EXPIRED);

        String noSubject = es256(key, claims(null, now).build());
        assertReason(verifier, noSubject, InvalidTokenException.Reason.INVALID_CLAIMS);
    }

    @Test
    void remembersAVerifiedTokenButStillExpiresIt() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-2").generate();
        CountingKeys keys = new CountingKeys(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
        MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));
        TokenVerifier verifier = new TokenVerifier(keys,
                new TokenVerifier.Policy(TestTokens.ISSUER, TestTokens.AUDIENCE, SKEW), clock, System::nanoTime, TokenVerifier.REMEMBERED_TOKENS);
        String token = es256(key, claims("user-4", clock.instant()).expirationTime(Date.from(clock.instant().plusSeconds(20))).build());

        for (int i = 0; i < 50; i++) {
            assertThat(verifier.verify(token).subject(), is("user-4"));
        }
        assertThat("one signature check for a repeated token", keys.lookups(), is(1));

        String other = es256(key, claims("user-5", clock.instant()).build());
        assertThat(verifier.verify(other).subject(), is("user-5"));
        assertThat("another token is checked on its own", keys.lookups(), is(2));

        clock.advance(Duration.ofSeconds(20).plus(SKEW));
        assertReason(verifier, token, InvalidTokenException.Reason.EXPIRED);
        assertThat(verifier.verify(other).subject(), is("user-5"));
    }

    @Test
    void neverRemembersARefusal() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-3").generate();
        CountingKeys keys = new CountingKeys(new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
        TokenVerifier verifier = new TokenVerifier(keys,
                new TokenVerifier.Policy(TestTokens.ISSUER, "elsewhere", SKEW), Clock.systemUTC(), System::nanoTime, TokenVerifier.REMEMBERED_TOKENS);
        String token = es256(key, claims("user-6", Instant.now()).build());
        assertReason(verifier, token, InvalidTokenException.Reason.WRONG_AUDIENCE);
        assertReason(verifier, token, InvalidTokenException.Reason.WRONG_AUDIENCE);
        assertThat(keys.lookups(), is(2));
    }

    /** A key source that counts lookups: the selector asks it once per signature check. */
    private static final class CountingKeys implements JWKSource<SecurityContext> {
        private final JWKSource<SecurityContext> keys;
        private final AtomicInteger lookups = new AtomicInteger();

        CountingKeys(JWKSource<SecurityContext> keys) {
            this.keys = keys;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            lookups.incrementAndGet();
            return keys.get(selector, context);
        }

        int lookups() {
            return lookups.get();
        }
    }

    /** A clock tests move forward. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static JWTClaimsSet.Builder claims(String subject, Instant issuedAt) {
        return new JWTClaimsSet.Builder().issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE)
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
