package dev.storefront.gateway.execution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When this gateway last finished a write (a mutation fetch) for each caller, so that sharing
 * in-flight work never hides a caller's own write from them: a query may share only work that
 * began after its caller's last write finished. The caller is the {@code Authorization} header
 * forwarded to the subgraphs ("" without one: anonymous callers are one caller here, which only
 * makes sharing rarer for them).
 */
public final class CallerWrites {
    /** Far longer than any request may run: older writes cannot matter to work in flight. */
    private static final long MEMORY_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final Map<String, Long> lastFinished = new ConcurrentHashMap<>();
    private final AtomicLong recorded = new AtomicLong();

    /** A write for the caller with these forwarded headers has just finished (or failed). */
    public void finished(Map<String, String> forwarded) {
        long now = System.nanoTime();
        lastFinished.put(caller(forwarded), now);
        if (recorded.incrementAndGet() % 1024 == 0) {
            lastFinished.values().removeIf(at -> now - at > MEMORY_NANOS);
        }
    }

    /** Whether work that began at {@code startedNanos} began after the caller's last write finished. */
    public boolean beganAfterLastWrite(Map<String, String> forwarded, long startedNanos) {
        Long last = lastFinished.get(caller(forwarded));
        return last == null || startedNanos - last > 0;
    }

    private static String caller(Map<String, String> forwarded) {
        for (Map.Entry<String, String> header : forwarded.entrySet()) {
            if (header.getKey().equalsIgnoreCase("authorization")) {
                return header.getValue();
            }
        }
        return "";
    }
}
