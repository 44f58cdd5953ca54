package dev.storefront.gateway.execution;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One subgraph's circuit breaker. Closed: every fetch goes out. After {@code failureThreshold}
 * consecutive failed fetches it opens: fetches fail at once, sparing a sick subgraph and the
 * client's wait. After {@code openDuration} it is half-open: one trial fetch goes out while the
 * others still fail fast; success closes it, failure opens it for another period.
 */
public final class CircuitBreaker {
    /** Breaker state, exported as a metric (0 closed, 1 open, 2 half-open). */
    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this(failureThreshold, openDuration, System::nanoTime);
    }

    CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier clock) {
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.clock = clock;
    }

    /**
     * Whether a fetch may go out now; a true answer must be followed by {@link #success()},
     * {@link #failure()} or {@link #inconclusive()}.
     */
    public synchronized boolean tryAcquire() {
        if (failureThreshold <= 0) {
            return true; // breaker switched off
        }
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        state = State.CLOSED;
        trialInFlight = false;
    }

    public synchronized void failure() {
        consecutiveFailures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || failureThreshold > 0 && consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
        }
    }

    /**
     * The fetch that was let through says nothing about the subgraph's health (a mutation the
     * gateway stopped waiting for because the request's deadline passed: the subgraph was told
     * that deadline and may well have finished the work). Neither a success nor a failure: the
     * count of consecutive failures stays as it is; a half-open breaker lets the next trial out.
     */
    public synchronized void inconclusive() {
        trialInFlight = false;
    }

    public synchronized State state() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** Milliseconds until an open breaker lets a trial fetch through. */
    public synchronized long millisUntilTrial() {
        return state == State.OPEN ? Math.max(0, (openNanos - (clock.getAsLong() - openedAt)) / 1_000_000) : 0;
    }
}
