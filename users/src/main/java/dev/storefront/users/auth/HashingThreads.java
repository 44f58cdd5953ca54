package dev.storefront.users.auth;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The few platform threads password hashes run on: one per processor, taking the hashes in
 * arrival order from an unbounded queue, so a burst of sign-ins waits its turn instead of failing.
 *
 * <p>Why not on the request's thread: requests run on virtual threads, which a CPU-bound Argon2
 * hash (~50–100 ms) never lets go of their carrier. Sixty concurrent sign-ins kept every carrier
 * hashing while the requests holding pooled connections could not run to return them, and the
 * rest timed out waiting for a connection ("Internal error" for 18–26 of 60). Here the requests
 * wait parked, the carriers stay free for database work, and the operating system shares the CPU.
 * No database connection is held while a hash runs or waits.
 */
final class HashingThreads {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ThreadPoolExecutor threads;

    /** @param count threads, i.e. hashes computed at once (the processors available) */
    HashingThreads(int count) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(count, count, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "password-hashing-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // idle threads end: nothing to shut down when the service (or a test's container) stops
        threads.allowCoreThreadTimeOut(true);
    }

    /** @return threads for the processors this process may use */
    static HashingThreads forAvailableProcessors() {
        return new HashingThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Run a hash (or a verification) on a hashing thread and wait for it, after those queued before.
     *
     * @param hashing the work
     * @return its result
     */
    <T> T run(Supplier<T> hashing) {
        Future<T> result = threads.submit(hashing::get);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a password hash", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Password hashing failed", e.getCause());
        }
    }
}
