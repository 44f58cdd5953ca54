package dev.storefront.subgraph.security;

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

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import dev.storefront.keys.PublishedKeys;

/**
 * Verifies the bearer tokens the users service signs: an RS256 or ES256 signature by a key of its
 * JWKS (matched by {@code kid}), then issuer, audience, expiry, not-before and subject. The
 * {@code groups} claim (MicroProfile JWT convention) becomes the caller's roles.
 *
 * <p>A remote key set ({@link PublishedKeys}) is fetched on first use and cached; a token with an
 * unknown {@code kid} triggers a refetch (at most one per refetch interval), so a key rotation on
 * the users service needs no restart here.
 *
 * <p>A verified token is remembered (up to {@value #REMEMBERED_TOKENS} of them, for at most
 * {@link #REMEMBER_FOR}): a storefront sends the same token on every call of a session, and the
 * RS256 check costs ~0.1–0.2 ms of CPU each time. Expiry is still checked on every call; a
 * refused token is never remembered. When a fetched key set no longer holds a key, the tokens
 * remembered as verified by it are forgotten at once (a check racing that fetch is still bounded
 * by {@link #REMEMBER_FOR}). Thread-safe; one instance serves the whole service.
 */
public class TokenVerifier {

    /** Claim holding the roles, as MicroProfile JWT names it. */
    public static final String GROUPS_CLAIM = "groups";

    /** How many verified tokens are remembered (least recently/frequently used ones go first). */
    static final int REMEMBERED_TOKENS = 10_000;
    /** How long a verified token is trusted without checking its signature again (bounds key revocation lag). */
    static final Duration REMEMBER_FOR = Duration.ofSeconds(60);

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String issuer;
    private final String audience;
    private final Duration clockSkew;
    private final Clock clock;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBER_FOR)
            .build();

    /**
     * A verifier over any key source (a remote JWKS, or the issuer's own keys in the users service).
     *
     * @param keys      where verification keys come from
     * @param issuer    required {@code iss}
     * @param audience  audience that must be among {@code aud}
     * @param clockSkew tolerance for {@code exp} and {@code nbf} between hosts
     * @param clock     time source (tests move it)
     */
    public TokenVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, Duration clockSkew, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
        this.clock = Objects.requireNonNull(clock, "clock");
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // claims are checked below, with a reason per failure instead of one generic message
        processor.setJWTClaimsSetVerifier(null);
        if (keys instanceof PublishedKeys published) {
            published.onKeysRemoved(this::forgetTokensSignedBy);
        }
    }

    /**
     * A verifier that fetches the key set over HTTP and caches it.
     *
     * @param jwksUrl   the users service's {@code /.well-known/jwks.json}
     * @param issuer    required {@code iss}
     * @param audience  required audience
     * @param cacheTtl  how long a fetched key set is used before it is fetched again
     * @param refetchInterval least time between two fetches when tokens name an unknown key id,
     *                  so junk tokens cannot hammer the users service
     * @param clockSkew tolerance for {@code exp}/{@code nbf}
     * @return the verifier (nothing is fetched until the first token arrives)
     */
    public static TokenVerifier remote(URL jwksUrl, String issuer, String audience, Duration cacheTtl,
                                       Duration refetchInterval, Duration clockSkew) {
        return new TokenVerifier(new PublishedKeys(jwksUrl, cacheTtl, refetchInterval, System::nanoTime),
                issuer, audience, clockSkew, Clock.systemUTC());
    }

    /**
     * Verify a compact JWS.
     *
     * @param token the token, without the {@code Bearer } prefix
     * @return the caller it identifies
     * @throws InvalidTokenException when it must not be trusted
     */
    public Caller verify(String token) throws InvalidTokenException {
        Verified remembered = verified.getIfPresent(token);
        if (remembered != null) {
            if (isExpired(remembered.expiry())) {
                verified.invalidate(token);
                throw expired();
            }
            return remembered.caller();
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
        Caller caller = callerOf(claims);
        verified.put(token, new Verified(caller, claims.getExpirationTime().toInstant(), keyId));
        return caller;
    }

    /** Tokens signed by keys the users service no longer publishes are checked again (and refused). */
    private void forgetTokensSignedBy(Set<String> keyIds) {
        verified.asMap().values().removeIf(remembered -> keyIds.contains(remembered.keyId()));
    }

    private boolean isExpired(Instant expiry) {
        return !clock.instant().minus(clockSkew).isBefore(expiry);
    }

    private static InvalidTokenException expired() {
        return new InvalidTokenException(InvalidTokenException.Reason.EXPIRED, "The token has expired; sign in again");
    }

    private Caller callerOf(JWTClaimsSet claims) throws InvalidTokenException {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || claims.getIssueTime() == null) {
            throw invalidClaims("The token has no expiry or issue time");
        }
        if (isExpired(expiry.toInstant())) {
            throw expired();
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().isAfter(now.plus(clockSkew))) {
            throw invalidClaims("The token is not valid yet");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException(InvalidTokenException.Reason.WRONG_ISSUER, "The token was issued by another issuer");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
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
        return new Caller(subject, groups == null ? Set.of() : new LinkedHashSet<>(groups));
    }

    private static InvalidTokenException invalidClaims(String message) {
        return new InvalidTokenException(InvalidTokenException.Reason.INVALID_CLAIMS, message);
    }

    /** A token that passed every check, with the expiry still checked on each use, and the key that signed it. */
    private record Verified(Caller caller, Instant expiry, String keyId) {
    }
}
