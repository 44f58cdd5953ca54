package dev.storefront.tokens;

import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies the bearer tokens the users service signs, for the gateway and every subgraph alike:
 * an RS256 or ES256 signature by a key of its JWKS (matched by {@code kid}; neither {@code none}
 * nor an HMAC token keyed with a public key can pass), then the claims: issuer and audience
 * required and matched, {@code exp} and {@code iat} present, {@code exp}/{@code nbf} within the
 * clock skew, a subject, and {@code groups} (the roles) a list of strings when present.
 *
 * <p>A verified token is remembered (up to {@value #REMEMBERED_TOKENS} of them) until its
 * {@code exp} or for {@link #REMEMBER_FOR}, whichever comes first: a client sends the same token
 * with every request, and the RS256 check (a modPow) was the largest single CPU cost of a
 * one-subgraph request in a JFR profile. Refusals are never remembered. Eviction is W-TinyLFU, so a
 * flood of one-off tokens does not push out the active shoppers' ones. When the key source is
 * {@link PublishedKeys} and a fetched key set no longer holds a key, the tokens it verified are
 * forgotten at once (a check racing that fetch is still bounded by the minute).
 * Thread-safe; one instance serves a whole process.
 */
public final class TokenVerifier {

    /** Claim holding the roles, as MicroProfile JWT names it. */
    public static final String GROUPS_CLAIM = "groups";
    /** How many verified tokens are remembered at most. */
    public static final int REMEMBERED_TOKENS = 10_000;
    /** How long a verified token is trusted without checking its signature again (bounds key revocation lag). */
    public static final Duration REMEMBER_FOR = Duration.ofSeconds(60);

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    /**
     * What a token must say.
     *
     * @param issuer    required {@code iss}
     * @param audience  audience that must be among {@code aud}
     * @param clockSkew tolerance for {@code exp} and {@code nbf} between hosts
     */
    public record Policy(String issuer, String audience, Duration clockSkew) {
        public Policy {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(clockSkew, "clockSkew");
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Policy policy;
    private final Clock clock;
    private final Cache<String, Remembered> verified;

    /** A token that passed, the key that signed it, and how long it may be trusted without a new check. */
    private record Remembered(VerifiedToken token, String keyId, long lifetimeNanos) {
    }

    /** Each entry lives its own lifetime from the check; reading it does not extend it. */
    private static final class UntilExpiry implements Expiry<String, Remembered> {
        @Override
        public long expireAfterCreate(String token, Remembered remembered, long currentTime) {
            return remembered.lifetimeNanos();
        }

        @Override
        public long expireAfterUpdate(String token, Remembered remembered, long currentTime, long currentDuration) {
            return remembered.lifetimeNanos(); // checked again (a concurrent first request): a fresh lifetime
        }

        @Override
        public long expireAfterRead(String token, Remembered remembered, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /**
     * A verifier over any key source (the users service's published keys, or its own keys in the
     * users service), on the system clock.
     */
    public TokenVerifier(JWKSource<SecurityContext> keys, Policy policy) {
        this(keys, policy, Clock.systemUTC(), System::nanoTime, REMEMBERED_TOKENS);
    }

    /**
     * @param clock      the time claims are checked against
     * @param nanoTime   the clock of the remembered tokens' lifetimes (tests move it)
     * @param cacheSize  most verified tokens remembered
     */
    public TokenVerifier(JWKSource<SecurityContext> keys, Policy policy, Clock clock, LongSupplier nanoTime, int cacheSize) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        // maintenance on the calling thread: no background executor to size or shut down
        this.verified = Caffeine.newBuilder().maximumSize(cacheSize).expireAfter(new UntilExpiry())
                .ticker(nanoTime::getAsLong).executor(Runnable::run).recordStats().build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // claims are checked here, with a reason per failure instead of one generic message
        processor.setJWTClaimsSetVerifier(null);
        if (keys instanceof PublishedKeys published) {
            published.onKeysRemoved(this::forgetTokensSignedBy);
        }
    }

    /**
     * A verifier that fetches the users service's key set over HTTP and keeps it.
     *
     * @param jwksUrl         the users service's {@code /.well-known/jwks.json}
     * @param cacheTtl        how long a fetched key set is used before it is fetched again
     * @param refetchInterval least time between two fetches when tokens name an unknown key id,
     *                        so junk tokens cannot hammer the users service
     * @return the verifier (nothing is fetched until the first token arrives)
     */
    public static TokenVerifier remote(URL jwksUrl, Duration cacheTtl, Duration refetchInterval, Policy policy) {
        return new TokenVerifier(new PublishedKeys(jwksUrl, cacheTtl, refetchInterval, System::nanoTime), policy);
    }

    /**
     * Verify a compact JWS.
     *
     * @param token the token, without the {@code Bearer } prefix
     * @return what it says
     * @throws InvalidTokenException when it must not be trusted, with a reason a client can act on
     */
    public VerifiedToken verify(String token) throws InvalidTokenException {
        Remembered remembered = verified.getIfPresent(token);
        if (remembered != null) {
            // the entry never outlives exp on its own clock; the claims' clock decides too
            if (isExpired(remembered.token().expiresAt())) {
                verified.invalidate(token);
                throw expired();
            }
            return remembered.token();
        }
        JWTClaimsSet claims;
        String keyId;
        try {
            JWT jwt = JWTParser.parse(token);
            keyId = jwt instanceof SignedJWT signed ? signed.getHeader().getKeyID() : null;
            claims = processor.process(jwt, null);
        } catch (ParseException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "The token is not a well-formed signed JWT");
        } catch (KeySourceException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.KEYS_UNAVAILABLE,
                    "The token cannot be verified right now: the signing keys are unavailable");
        } catch (BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.BAD_SIGNATURE,
                    "The token's signature is not from a trusted key");
        }
        VerifiedToken result = check(claims);
        long lifetimeMillis = Math.min(REMEMBER_FOR.toMillis(), result.expiresAt().toEpochMilli() - clock.millis());
        // past exp but within the clock skew: accepted, not remembered
        if (lifetimeMillis > 0) {
            verified.put(token, new Remembered(result, keyId, TimeUnit.MILLISECONDS.toNanos(lifetimeMillis)));
        }
        return result;
    }

    /** Tokens found remembered. */
    public long cacheHits() {
        return verified.stats().hitCount();
    }

    /** Tokens not remembered, so checked in full (signature and claims), whatever the outcome. */
    public long cacheMisses() {
        return verified.stats().missCount();
    }

    /** Tokens signed by keys the users service no longer publishes are checked again (and refused). */
    private void forgetTokensSignedBy(Set<String> keyIds) {
        verified.asMap().values().removeIf(remembered -> keyIds.contains(remembered.keyId()));
    }

    private boolean isExpired(Instant expiry) {
        return !clock.instant().minus(policy.clockSkew()).isBefore(expiry);
    }

    private static InvalidTokenException expired() {
        return new InvalidTokenException(InvalidTokenException.Reason.EXPIRED, "The token has expired; sign in again");
    }

    private VerifiedToken check(JWTClaimsSet claims) throws InvalidTokenException {
        Date expiry = claims.getExpirationTime();
        if (expiry == null || claims.getIssueTime() == null) {
            throw invalidClaims("The token has no expiry or issue time");
        }
        if (isExpired(expiry.toInstant())) {
            throw expired();
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(clock.instant().plus(policy.clockSkew()))) {
            throw invalidClaims("The token is not valid yet");
        }
        if (!policy.issuer().equals(claims.getIssuer())) {
            throw new InvalidTokenException(InvalidTokenException.Reason.WRONG_ISSUER, "The token was issued by another issuer");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(policy.audience())) {
            throw new InvalidTokenException(InvalidTokenException.Reason.WRONG_AUDIENCE, "The token was issued for another audience");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw invalidClaims("The token has no subject");
        }
        List<String> groups;
        try {
            groups = claims.getStringListClaim(GROUPS_CLAIM);
        } catch (ParseException e) {
            throw invalidClaims("The token's groups claim is not a list of strings");
        }
        return new VerifiedToken(subject, groups == null ? Set.of() : new LinkedHashSet<>(groups), expiry.toInstant());
    }

    private static InvalidTokenException invalidClaims(String message) {
        return new InvalidTokenException(InvalidTokenException.Reason.INVALID_CLAIMS, message);
    }
}
