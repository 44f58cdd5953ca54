package dev.storefront.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Rejects bad bearer tokens before any subgraph is called; the subgraphs still authorize (they
 * see the same {@code Authorization} header). Only RS256 is accepted, so neither {@code none} nor
 * an HMAC token keyed with the public key can pass. The key set is fetched on the first token,
 * cached, and fetched again when a token names a key id it does not have (key rotation), at most
 * once per {@code minRefreshInterval} so made-up key ids cannot hammer the users service.
 * Requests without an {@code Authorization} header are anonymous: the subgraphs decide what is public.
 */
public final class BearerTokenVerifier {
    private static final int JWKS_HTTP_TIMEOUT_MS = 2000;
    private static final int JWKS_SIZE_LIMIT_BYTES = 64 * 1024;

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
    static final long VERIFIED_CACHE_MILLIS = 60_000;
    static final int VERIFIED_CACHE_SIZE = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    /**
     * Tokens whose signature and claims passed, until {@code min(exp, now + 60 s)}: a client sends
     * the same token with every request, and the RS256 check (a modPow) was the largest single CPU
     * cost of a one-subgraph request in a JFR profile. A key withdrawn from the key set stops
     * accepting its tokens within that minute. Refusals are not cached.
     */
    private final java.util.Map<String, Cached> verified = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(Result.Verified result, long untilMillis) {
    }

    public BearerTokenVerifier(Settings settings) {
        JWKSourceBuilder<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl(),
                        new DefaultResourceRetriever(JWKS_HTTP_TIMEOUT_MS, JWKS_HTTP_TIMEOUT_MS, JWKS_SIZE_LIMIT_BYTES))
                .cache(settings.cacheTtl().toMillis(), JWKS_HTTP_TIMEOUT_MS * 2L)
                .refreshAheadCache(false)
                .retrying(true);
        keys = settings.minRefreshInterval().isZero() ? keys.rateLimited(false)
                : keys.rateLimited(settings.minRefreshInterval().toMillis());
        JWKSource<SecurityContext> source = keys.build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
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
        long now = System.currentTimeMillis();
        Cached cached = verified.get(token);
        if (cached != null) {
            if (now < cached.untilMillis()) {
                return cached.result();
            }
            verified.remove(token, cached);
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            Result.Verified result = new Result.Verified(claims);
            long until = now + VERIFIED_CACHE_MILLIS;
            if (claims.getExpirationTime() != null) {
                until = Math.min(until, claims.getExpirationTime().getTime());
            }
            if (verified.size() >= VERIFIED_CACHE_SIZE) {
                verified.clear();
            }
            verified.put(token, new Cached(result, until));
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

    private static Result unauthenticated(String message) {
        return new Result.Rejected(401, "UNAUTHENTICATED", message);
    }
}
