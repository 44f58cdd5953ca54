package dev.storefront.gateway.security;

import dev.storefront.tokens.InvalidTokenException;
import dev.storefront.tokens.TokenVerifier;
import dev.storefront.tokens.VerifiedToken;

import java.net.URL;
import java.time.Duration;

/**
 * Rejects bad bearer tokens before any subgraph is called; the subgraphs still authorize (they
 * see the same {@code Authorization} header and apply the same {@link TokenVerifier} policy).
 * This is the gateway's adapter: the {@code Authorization} header in, an HTTP status and GraphQL
 * error code out (401 {@code UNAUTHENTICATED} for a token that must not be trusted, 503
 * {@code AUTHENTICATION_UNAVAILABLE} when the users service's keys cannot be fetched).
 * Requests without an {@code Authorization} header are anonymous: the subgraphs decide what is public.
 */
public final class BearerTokenVerifier {
    /**
     * @param jwksUrl            where the users service publishes its public keys
     * @param issuer             required {@code iss}
     * @param audience           required {@code aud} value
     * @param cacheTtl           how long a fetched key set is used before it is fetched again
     * @param minRefreshInterval least time between two fetches of the key set
     * @param clockSkew          tolerance for {@code exp} and {@code nbf} between hosts
     */
    public record Settings(URL jwksUrl, String issuer, String audience, Duration cacheTtl, Duration minRefreshInterval,
                           Duration clockSkew) {
    }

    /** The outcome for one request. */
    public sealed interface Result {
        /** No {@code Authorization} header. */
        record Anonymous() implements Result {
        }

        /** A valid token. */
        record Verified(VerifiedToken token) implements Result {
        }

        /** Refused: HTTP status, GraphQL error code and a client-facing message. */
        record Rejected(int status, String code, String message) implements Result {
        }
    }

    private final TokenVerifier tokens;

    public BearerTokenVerifier(Settings settings) {
        this(TokenVerifier.remote(settings.jwksUrl(), settings.cacheTtl(), settings.minRefreshInterval(),
                new TokenVerifier.Policy(settings.issuer(), settings.audience(), settings.clockSkew())));
    }

    public BearerTokenVerifier(TokenVerifier tokens) {
        this.tokens = tokens;
    }

    /** @param authorization the raw {@code Authorization} header, or null */
    public Result verify(String authorization) {
        if (authorization == null) {
            return new Result.Anonymous();
        }
        // "Bearer", whitespace, the token: read by hand, String.split compiled a regex on every request
        String header = authorization.trim();
        int space = 0;
        while (space < header.length() && !Character.isWhitespace(header.charAt(space))) {
            space++;
        }
        String token = header.substring(space).trim();
        if (space != "Bearer".length() || !header.regionMatches(true, 0, "Bearer", 0, space) || token.isEmpty()) {
            return unauthenticated("The Authorization header must be 'Bearer <token>'.");
        }
        try {
            return new Result.Verified(tokens.verify(token));
        } catch (InvalidTokenException e) {
            if (e.reason() == InvalidTokenException.Reason.KEYS_UNAVAILABLE) {
                return new Result.Rejected(503, "AUTHENTICATION_UNAVAILABLE", "The bearer token cannot be verified right now: "
                        + "the signing keys are unavailable.");
            }
            return unauthenticated("The bearer token was rejected: " + e.getMessage() + ".");
        }
    }

    /** Tokens found verified in the cache. */
    public long cacheHits() {
        return tokens.cacheHits();
    }

    /** Tokens not in the cache, so checked in full (signature and claims), whatever the outcome. */
    public long cacheMisses() {
        return tokens.cacheMisses();
    }

    private static Result unauthenticated(String message) {
        return new Result.Rejected(401, "UNAUTHENTICATED", message);
    }
}
