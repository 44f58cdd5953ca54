package dev.storefront.tokens;

import java.net.URL;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * The users service's published keys (its JWKS), fetched over HTTP and kept for a time to live.
 * A token naming a key id the kept set lacks (a key added by a rotation) makes it fetch the set
 * again at once, but never more than once per refetch interval however many such tokens arrive,
 * so made-up key ids cannot hammer the users service; a key id still unknown is simply not
 * matched (the token is refused as not signed by a trusted key). Every fetch, whatever caused it,
 * counts against the interval; concurrent callers wait for the one fetch in flight.
 *
 * <p>A refetch that fails keeps the previous set (the users service being down must not sign
 * everyone out); the first fetch failing, or a refetch for an unknown key id failing, is a
 * {@link KeySourceException}: the token may be fine, this service cannot tell.
 *
 * <p>Why not nimbus's {@code JWKSourceBuilder}: its rate limiter allows two fetches per interval
 * and answers the rest with an exception, which would turn a forged key id into "keys unavailable".
 * The HTTP fetch and JWKS parsing are still nimbus's.
 */
public final class PublishedKeys implements JWKSource<SecurityContext> {

    private static final System.Logger LOGGER = System.getLogger(PublishedKeys.class.getName());

    private final JWKSetSource<SecurityContext> jwks;
    private final String url;
    private final long timeToLiveNanos;
    private final long refetchIntervalNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Fetched fetched;
    // guarded by fetching
    private boolean attempted;
    private long lastAttemptNanos;
    private volatile Consumer<Set<String>> onKeysRemoved = removed -> { };

    /**
     * @param jwksUrl         the users service's {@code /.well-known/jwks.json}
     * @param timeToLive      how long a fetched set is used before it is fetched again
     * @param refetchInterval least time between two fetches
     * @param nanoTime        time source ({@code System::nanoTime}; tests move it)
     */
    public PublishedKeys(URL jwksUrl, Duration timeToLive, Duration refetchInterval, LongSupplier nanoTime) {
        // short timeouts: a slow key endpoint must not hold requests; a 50 kB cap: a JWKS is tiny
        this.jwks = new URLBasedJWKSetSource<>(jwksUrl, new DefaultResourceRetriever(2000, 2000, 50 * 1024));
        this.url = jwksUrl.toString();
        this.timeToLiveNanos = timeToLive.toNanos();
        this.refetchIntervalNanos = refetchInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * @param listener told the key ids a fetched set no longer holds (a verifier forgets the
     *                 tokens it remembers as verified by them)
     */
    public void onKeysRemoved(Consumer<Set<String>> listener) {
        this.onKeysRemoved = listener;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Fetched known = fetched;
        if (known == null || nanoTime.getAsLong() - known.atNanos() >= timeToLiveNanos) {
            known = fetch(known, false);
        }
        List<JWK> matches = selector.select(known.keys());
        if (matches.isEmpty()) {
            // perhaps a key the users service added since: look once more (rate-limited)
            Fetched again = fetch(known, true);
            if (again != known) {
                matches = selector.select(again.keys());
            }
        }
        return matches;
    }

    /**
     * @param seen        the set the caller looked at (null: none yet)
     * @param unknownKeyId whether the caller needs a key {@code seen} lacks (then a failure is an error)
     * @return a newer set when one was fetched (by this or a concurrent caller), else {@code seen}
     */
    private Fetched fetch(Fetched seen, boolean unknownKeyId) throws KeySourceException {
        fetching.lock();
        try {
            Fetched current = fetched;
            if (current != seen) {
                return current; // fetched while this caller waited
            }
            long now = nanoTime.getAsLong();
            if (attempted && now - lastAttemptNanos < refetchIntervalNanos) {
                if (current == null) {
                    throw new JWKSetUnavailableException("The key set at " + url + " could not be fetched; next try in at most "
                            + Duration.ofNanos(refetchIntervalNanos));
                }
                return current;
            }
            attempted = true;
            lastAttemptNanos = now;
            JWKSet keys;
            try {
                keys = jwks.getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), System.currentTimeMillis(), null);
            } catch (KeySourceException e) {
                if (current == null || unknownKeyId) {
                    throw e;
                }
                LOGGER.log(System.Logger.Level.WARNING, "Fetching the key set at " + url + " failed; using the one fetched "
                        + Duration.ofNanos(now - current.atNanos()).toSeconds() + " s ago: " + e.getMessage());
                return current;
            }
            fetched = new Fetched(keys, now);
            if (current != null) {
                Set<String> removed = keyIds(current.keys());
                removed.removeAll(keyIds(keys));
                if (!removed.isEmpty()) {
                    onKeysRemoved.accept(removed);
                }
            }
            return fetched;
        } finally {
            fetching.unlock();
        }
    }

    private static Set<String> keyIds(JWKSet keys) {
        Set<String> ids = new HashSet<>();
        for (JWK key : keys.getKeys()) {
            ids.add(key.getKeyID());
        }
        return ids;
    }

    /** A fetched key set and when it was fetched. */
    private record Fetched(JWKSet keys, long atNanos) {
    }
}
