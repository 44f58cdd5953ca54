package dev.storefront.subgraph.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A service's background job (orders' checkout recovery, payments' lost-authorization recovery):
 * run once right away, then again a fixed delay after each run ends, on one virtual thread, until
 * closed. A run that throws is logged and tried again at the next turn: the database may be away
 * for a moment, and a recovery job that stopped for good would leave work undone silently.
 */
public final class RecurringJob implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(RecurringJob.class.getName());

    private final ScheduledExecutorService scheduler;

    private RecurringJob(String name, Duration delay, Runnable run) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name(name).factory());
        // first run right away: a crash must not wait a whole interval to be repaired
        scheduler.scheduleWithFixedDelay(() -> runSafely(name, run), 0, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Start a job.
     *
     * @param name  the thread's name, also in the log when a run fails
     * @param delay time between the end of one run and the start of the next
     * @param run   one run
     * @return the running job; close it to stop it
     */
    public static RecurringJob start(String name, Duration delay, Runnable run) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(run, "run");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException(name + ": the delay between runs must be positive, not " + delay);
        }
        return new RecurringJob(name, delay, run);
    }

    private static void runSafely(String name, Runnable run) {
        try {
            run.run();
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, name + " failed, tried again at the next turn: " + e.getMessage());
        }
    }

    /** Stops the job; a run in progress is interrupted. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
