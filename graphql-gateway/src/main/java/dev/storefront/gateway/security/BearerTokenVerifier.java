package dev.storefront.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.storefront.keys.PublishedKeys;

import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Rejects bad bearer tokens before any subgraph is called; the subgraphs still authorize (they
 * see the same {@code Authorization} header). Only RS256 is accepted, so neither {@code none} nor
 * an HMAC token keyed with the public key can pass. The key set ({@link PublishedKeys}) is fetched
 * on the first token, cached, and fetched again when a token names a key id it does not have (key
 * rotation), at most once per {@code minRefreshInterval} so made-up key ids cannot hammer the users
 * service; a key id still unknown is refused like any untrusted signature (401).
 * Requests without an {@code Authorization} header are anonymous: the subgraphs decide what is public.
 */
public final class BearerTokenVerifier {
    /**
     * @param jwksUrl            where the users service publishes its public keys
     * @param issuer             required {@code iss}, or null to accept any
     * @param audience           required {@code aud} value, or null to accept any
     * @param cacheTtl           how long a fetched key set is used before it is fetched again
     * @param minRefreshInterval least time between two fetches of the key set
     */
    public record Settings(URL jwksUrl, String issuer, String audience, Duration cacheTtl, Duration minRefreshInterval) {
    }

    /** The outcome for one request. */
    public sealed interface Result {
        /** No {@code Authorization} header. */
        record Anonymous() implements Result {
        }

        /** A valid token. */
        record Verified(JWTClaimsSet claims) implements Result {
        }

        /** Refused: HTTP status, GraphQL error code and a client-facing message. */
        record Rejected(int status, String code, String message) implements Result {
        }
    }

    /** Verified tokens are remembered this long at most (and never past their {@code exp}). */
    static final Duration VERIFIED_CACHE_TIME = Duration.ofSeconds(60);
    static final int VERIFIED_CACHE_SIZE = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    /**
     * Tokens whose signature and claims passed, each until {@code min(exp, verified + 60 s)}: a
     * client sends the same token with every request, and the RS256 check (a modPow) was the
     * largest single CPU cost of a one-subgraph request in a JFR profile. When a fetched key set no
     * longer holds a key, the tokens it verified are forgotten at once (a check racing that fetch
     * is still bounded by the minute). Refusals are not cached. Bounded with
     * W-TinyLFU eviction, so a flood of one-off tokens does not evict the active shoppers' tokens.
     */
    private final Cache<String, Cached> verified;

    /** A verified token and how long it may be trusted without a new check. */
    private record Cached(Result.Verified result, long lifetimeNanos, String keyId) {
    }

    /** Each entry lives its own lifetime from the check; reading it does not extend it. */
    private static final class UntilExpiry implements Expiry<String, Cached> {
        @Override
        public long expireAfterCreate(String token, Cached cached, long currentTime) {
            return cached.lifetimeNanos();
        }

        @Override
        public long expireAfterUpdate(String token, Cached cached, long currentTime, long currentDuration) {
            return cached.lifetimeNanos(); // checked again (a concurrent first request): a fresh lifetime
        }

        @Override
        public long expireAfterRead(String token, Cached cached, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    public BearerTokenVerifier(Settings settings) {
        this(settings, VERIFIED_CACHE_SIZE, Ticker.systemTicker());
    }

    /**
     * @param cacheSize most verified tokens remembered
     * @param ticker    the clock of the cache and of the key set's time to live and refetch interval (tests move it)
     */
    BearerTokenVerifier(Settings settings, int cacheSize, Ticker ticker) {
        // maintenance on the calling thread, as in PlanCache
        this.verified = Caffeine.newBuilder().maximumSize(cacheSize).expireAfter(new UntilExpiry())
                .ticker(ticker).executor(Runnable::run).recordStats().build();
        PublishedKeys keys = new PublishedKeys(settings.jwksUrl(), settings.cacheTtl(), settings.minRefreshInterval(), ticker::read);
        keys.onKeysRemoved(this::forgetTokensSignedBy);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
        if (settings.issuer() != null) {
            exact.issuer(settings.issuer());
        }
        Set<String> required = new HashSet<>(Set.of("exp"));
        if (settings.issuer() != null) {
            required.add("iss");
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                settings.audience() == null ? null : Set.of(settings.audience()), exact.build(), required, null));
    }

    /** @param authorization the raw {@code Authorization} header, or null */
    public Result verify(String authorization) {
        if (authorization == null) {
            return new Result.Anonymous();
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            return unauthenticated("The Authorization header must be 'Bearer <token>'.");
        }
        String token = parts[1];
        Cached cached = verified.getIfPresent(token);
        if (cached != null) {
            return cached.result();
        }
        try {
            JWT jwt = JWTParser.parse(token);
            JWTClaimsSet claims = processor.process(jwt, null);
            Result.Verified result = new Result.Verified(claims);
            long lifetimeMillis = VERIFIED_CACHE_TIME.toMillis();
            if (claims.getExpirationTime() != null) {
                lifetimeMillis = Math.min(lifetimeMillis, claims.getExpirationTime().getTime() - System.currentTimeMillis());
            }
            // past exp but within the processor's clock-skew allowance: accepted, not remembered
            if (lifetimeMillis > 0) {
                String keyId = jwt instanceof SignedJWT signed ? signed.getHeader().getKeyID() : null;
                verified.put(token, new Cached(result, TimeUnit.MILLISECONDS.toNanos(lifetimeMillis), keyId));
            }
            return result;
        } catch (ParseException e) {
            return unauthenticated("The bearer token is malformed: not a signed JWT.");
        } catch (ExpiredJWTException e) {
            return unauthenticated("The bearer token has expired.");
        } catch (BadJWTException e) {
            // nimbus names the failed claim check (audience, issuer, missing exp, not yet valid)
            return unauthenticated("The bearer token was rejected: " + e.getMessage() + ".");
        } catch (BadJOSEException e) {
            return unauthenticated("The bearer token was rejected: its signature cannot be verified with the "
                    + "published RS256 keys.");
        } catch (KeySourceException e) {
            return new Result.Rejected(503, "AUTHENTICATION_UNAVAILABLE",
                    "The bearer token cannot be verified right now: the signing keys are unavailable.");
        } catch (JOSEException e) {
            return unauthenticated("The bearer token was rejected: its signature cannot be verified.");
        }
    }

    /** Tokens signed by keys the users service no longer publishes are checked again (and refused). */
    private void forgetTokensSignedBy(Set<String> keyIds) {
        verified.asMap().values().removeIf(cached -> keyIds.contains(cached.keyId()));
    }

    /** Tokens found verified in the cache. */
    public long cacheHits() {
        return verified.stats().hitCount();
    }

    /** Tokens not in the cache, so checked in full (signature and claims), whatever the outcome. */
    public long cacheMisses() {
        return verified.stats().missCount();
    }

    private static Result unauthenticated(String message) {
        return new Result.Rejected(401, "UNAUTHENTICATED", message);
    }
}
