package dev.storefront.gateway.execution;

import java.time.Duration;

/**
 * The one deadline of a client request, end to end: computed when the request is received
 * ({@code GATEWAY_REQUEST_TIMEOUT_MS}, or less when the client asks for less in
 * {@value #HEADER}; never more), and every subgraph fetch of the request waits at most for what
 * is left of it. Each fetch tells its subgraph how long the gateway will wait for it in the
 * {@value #HEADER} request header: <em>remaining milliseconds</em>, relative rather than an
 * absolute time, so that no two hosts' clocks need to agree (as gRPC's {@code grpc-timeout}).
 * The subgraph counts from when it receives the header; the time the request spent on the wire
 * is the only slack, and it only makes the subgraph finish a little early.
 */
public final class RequestDeadline {
    /** Request header carrying the time left, in whole milliseconds (a non-negative decimal). */
    public static final String HEADER = "X-Request-Deadline-Ms";

    private final long expiresAtNanos;
    private final long budgetMillis;

    private RequestDeadline(long startNanos, long budgetMillis) {
        this.budgetMillis = budgetMillis;
        this.expiresAtNanos = startNanos + budgetMillis * 1_000_000L;
    }

    /** A deadline {@code budget} from now. */
    public static RequestDeadline after(Duration budget) {
        return new RequestDeadline(System.nanoTime(), Math.max(0, budget.toMillis()));
    }

    /**
     * The deadline of a request received now.
     *
     * @param cap          the gateway's own budget per request
     * @param clientHeader the client's {@value #HEADER} value, or null: honoured only when it is
     *                     shorter than the cap (a client may ask to be answered sooner, never later);
     *                     anything that is not a non-negative whole number is ignored
     */
    public static RequestDeadline start(Duration cap, String clientHeader) {
        long budget = Math.max(0, cap.toMillis());
        if (clientHeader != null) {
            try {
                long asked = Long.parseLong(clientHeader.trim());
                if (asked >= 0 && asked < budget) {
                    budget = asked;
                }
            } catch (NumberFormatException ignored) {
                // not a number: the gateway's own budget applies
            }
        }
        return new RequestDeadline(System.nanoTime(), budget);
    }

    /** The whole budget this request was given, in milliseconds. */
    public long budgetMillis() {
        return budgetMillis;
    }

    /** Milliseconds left, 0 once passed. */
    public long remainingMillis() {
        return Math.max(0, (expiresAtNanos - System.nanoTime()) / 1_000_000L);
    }

    /** Whether nothing is left of it. */
    public boolean expired() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }
}
