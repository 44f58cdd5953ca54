package dev.storefront.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Automatic persisted queries, Apollo's protocol ({@code extensions.persistedQuery = {version: 1,
 * sha256Hash}}): a client first sends only the hash; an unknown hash answers
 * {@code PersistedQueryNotFound}, the client sends hash and text, and the text is stored under its
 * hash once it has parsed and validated, so that the next hash-only request (a short GET URL a CDN
 * can cache) runs it. The hash is checked against the text before anything is stored: a hash can
 * never be made to stand for another query.
 * <p>
 * Storage is bounded (W-TinyLFU like the plan cache): a query counts one unit per started 4 KiB of
 * text, so large texts cannot hold more memory than many small ones would. An evicted query costs
 * the client one round trip (not found, then hash and text again).
 */
public final class PersistedQueries {
    static final int UNIT_CHARS = 4096;
    public static final int DEFAULT_CAPACITY = 5000;

    private final boolean enabled;
    private final Cache<String, String> queries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong registered = new AtomicLong();

    /** What a request's {@code persistedQuery} extension asks for. */
    public sealed interface Resolution {
        /** No {@code persistedQuery} extension: an ordinary request. */
        record Ordinary() implements Resolution {
        }

        /** Hash only, and the hash is known: run this text. */
        record Found(String query) implements Resolution {
        }

        /** Hash and the text it is the hash of: run the text and store it once it has validated. */
        record Register(String sha256Hash, String query) implements Resolution {
        }

        /**
         * The request cannot run.
         *
         * @param badRequest a malformed request (400 whatever the media type), not a GraphQL request error
         */
        record Refused(Map<String, Object> error, boolean badRequest) implements Resolution {
        }
    }

    /**
     * @param enabled  false: every request with the extension is refused with {@code PersistedQueryNotSupported}
     * @param capacity units of storage (one per started 4 KiB of query text)
     */
    public PersistedQueries(boolean enabled, int capacity) {
        this.enabled = enabled;
        this.queries = Caffeine.newBuilder()
                .maximumWeight(Math.max(1, capacity))
                .<String, String>weigher((hash, query) -> 1 + query.length() / UNIT_CHARS)
                .executor(Runnable::run) // as PlanCache: maintenance on the calling thread
                .build();
    }

    public boolean enabled() {
        return enabled;
    }

    public Resolution resolve(GraphQLRequest request) {
        Object extension = request.extensions() == null ? null : request.extensions().get("persistedQuery");
        if (extension == null) {
            return new Resolution.Ordinary();
        }
        if (!enabled) {
            return new Resolution.Refused(error("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED"), false);
        }
        if (!(extension instanceof Map<?, ?> persisted) || !(persisted.get("version") instanceof Number version)
                || version.doubleValue() != 1) {
            return new Resolution.Refused(error("Unsupported persisted query version", "BAD_REQUEST"), true);
        }
        String hash = persisted.get("sha256Hash") instanceof String s ? s : null;
        if (request.query() == null) {
            String query = hash == null ? null : queries.getIfPresent(hash);
            if (query == null) {
                misses.incrementAndGet();
                return new Resolution.Refused(error("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND"), false);
            }
            hits.incrementAndGet();
            return new Resolution.Found(query);
        }
        // the exact lower-case hex SHA-256 of the exact text, as Apollo's clients compute it
        if (hash == null || !hash.equals(sha256Hex(request.query()))) {
            return new Resolution.Refused(error("provided sha does not match query", "BAD_REQUEST"), true);
        }
        return new Resolution.Register(hash, request.query());
    }

    /** Stores a text that parsed and validated under its (checked) hash. */
    void register(Resolution.Register registration) {
        if (queries.asMap().putIfAbsent(registration.sha256Hash(), registration.query()) == null) {
            registered.incrementAndGet();
        }
    }

    /** Hash-only requests whose hash was known. */
    public long hits() {
        return hits.get();
    }

    /** Hash-only requests whose hash was not known (answered {@code PersistedQueryNotFound}). */
    public long misses() {
        return misses.get();
    }

    /** Texts stored (a hash sent again with its text is not counted twice while it is stored). */
    public long registered() {
        return registered.get();
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Map<String, Object> error(String message, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        return error;
    }
}
