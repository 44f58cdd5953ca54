package dev.storefront.subgraph.deadline;

import java.util.Optional;

import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;

/**
 * How long the caller of the request being served will wait for its answer. The gateway sends
 * it with every subgraph request, and orders with every call it makes to products and payments,
 * as {@value #HEADER}: the time left in whole milliseconds (relative, so no two hosts' clocks
 * need to agree). {@link DeadlineFilter} reads it when the request arrives (a server default when
 * it is absent, never more than the server's cap) and puts it in the request's Helidon context,
 * where any code serving the request finds it with {@link #current()} (also on threads started
 * with that context, such as orders' outbound calls).
 * <p>
 * Work for a request keeps inside it: outbound calls wait at most {@link #remainingMillis()},
 * retries stop when it is near, and what is left is passed on. Outside any request (a scheduled
 * job such as orders' recovery) there is no deadline: {@link #NONE}.
 */
public final class Deadline {

    /** Request header carrying the time left, in whole milliseconds. */
    public static final String HEADER = "X-Request-Deadline-Ms";

    /** No deadline: work outside a request, bounded only by its own timeouts. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, false, false);

    private final long expiresAtNanos;
    private final boolean bounded;
    private final boolean keptBack;

    private Deadline(long expiresAtNanos, boolean bounded, boolean keptBack) {
        this.expiresAtNanos = expiresAtNanos;
        this.bounded = bounded;
        this.keptBack = keptBack;
    }

    /**
     * @param millis time from now
     * @return a deadline that far away
     */
    public static Deadline inMillis(long millis) {
        return new Deadline(System.nanoTime() + Math.max(0, millis) * 1_000_000L, true, false);
    }

    /**
     * The deadline a request brings.
     *
     * @param header    the {@value #HEADER} value, or null
     * @param defaultMs the deadline of a request without the header (or with a malformed one)
     * @param maxMs     the longest deadline honoured: a caller cannot make this server work longer
     * @return the deadline, counted from now
     */
    public static Deadline fromHeader(String header, long defaultMs, long maxMs) {
        long millis = defaultMs;
        if (header != null) {
            try {
                long asked = Long.parseLong(header.trim());
                if (asked >= 0) {
                    millis = asked;
                }
            } catch (NumberFormatException ignored) {
                // not a number: the server's default applies
            }
        }
        return inMillis(Math.min(millis, maxMs));
    }

    /** @return the deadline of the request being served, {@link #NONE} outside any request */
    public static Deadline current() {
        return Contexts.context().flatMap(context -> context.get(Deadline.class)).orElse(NONE);
    }

    /**
     * Make this the deadline of the request being served (e.g. a shorter one, keeping time to
     * answer), for everything it does from now on. Outside a request with a deadline nothing changes.
     */
    public void makeCurrent() {
        Optional<Context> context = Contexts.context();
        if (context.isPresent() && context.get().get(Deadline.class).isPresent()) {
            context.get().register(this);
        }
    }

    /** @return whether there is a deadline at all ({@link #NONE} has none) */
    public boolean isBounded() {
        return bounded;
    }

    /** @return milliseconds left, 0 once passed, {@code Long.MAX_VALUE} without a deadline */
    public long remainingMillis() {
        if (!bounded) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, (expiresAtNanos - System.nanoTime()) / 1_000_000L);
    }

    /** @return whether it has passed */
    public boolean isExpired() {
        return bounded && expiresAtNanos - System.nanoTime() <= 0;
    }

    /**
     * @param millis a wait of one's own (a call's timeout)
     * @return the shorter of it and the time left
     */
    public long bound(long millis) {
        return Math.min(millis, remainingMillis());
    }

    /**
     * @param millis time to keep back (to record an outcome and answer)
     * @return a deadline that much earlier; {@link #NONE} stays none
     */
    public Deadline shortenedBy(long millis) {
        return bounded ? new Deadline(expiresAtNanos - Math.max(0, millis) * 1_000_000L, true, keptBack) : this;
    }

    /**
     * The deadline for a request's own work, once: {@code millis} earlier, kept back to record the
     * outcome and answer. A deadline that already had time kept back is returned as it is, so that
     * two operations in one request (aliases) do not shorten it twice.
     *
     * @param millis time to keep back
     * @return the working deadline
     */
    public Deadline keepingBack(long millis) {
        if (!bounded || keptBack) {
            return this;
        }
        return new Deadline(expiresAtNanos - Math.max(0, millis) * 1_000_000L, true, true);
    }

    @Override
    public String toString() {
        return bounded ? "Deadline[" + remainingMillis() + " ms left]" : "Deadline[none]";
    }
}
