package dev.storefront.users.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Deleting rows that decide nothing any more, run by the request that finds the last run at
 * least {@code interval} ago (one caller per interval and replica wins): tables that only grow
 * with requests stay bounded without a background task. A failure is logged and never fails the
 * request; the next interval tries again.
 */
final class Housekeeping {

    private static final System.Logger LOGGER = System.getLogger(Housekeeping.class.getName());

    private final Duration interval;
    private final String what;
    private final Consumer<Instant> cleanUp;
    private final AtomicReference<Instant> next = new AtomicReference<>(Instant.MIN);

    /**
     * @param interval least time between two runs
     * @param what     what is deleted, for the log
     * @param cleanUp  the deletion, given the current time
     */
    Housekeeping(Duration interval, String what, Consumer<Instant> cleanUp) {
        this.interval = interval;
        this.what = what;
        this.cleanUp = cleanUp;
    }

    /** Runs the clean-up when it is due. */
    void runIfDue(Instant now) {
        Instant due = next.get();
        if (now.isBefore(due) || !next.compareAndSet(due, now.plus(interval))) {
            return;
        }
        try {
            cleanUp.accept(now);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Deleting " + what + " failed", e);
        }
    }
}
