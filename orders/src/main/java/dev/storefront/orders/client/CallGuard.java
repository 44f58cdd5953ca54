package dev.storefront.orders.client;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.helidon.common.context.Contexts;
import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.Retry;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Fault tolerance for one kind of call to another service (say, products' reservation), built once
 * and shared by every call of that kind: retries, a circuit breaker, a bulkhead with a waiting queue
 * (Helidon's fault-tolerance handlers, applied as MicroProfile Fault Tolerance applies them:
 * {@code Retry(CircuitBreaker(Bulkhead(call)))}) and a timeout per attempt, which is the HTTP
 * exchange's own: the attempt's socket timeouts are the shorter of this timeout and the request's
 * deadline ({@link InternalHttp}), so an attempt that runs out of time ends and frees its
 * place in the bulkhead, nothing left running behind it. MP Fault Tolerance's annotations built
 * these handlers, looked their settings up in MP Config and registered their metrics anew on every
 * call: about 40 % of orders' CPU in a checkout. The metrics are the ones it reported
 * ({@code ft_circuitbreaker_opened_total} and the rest, same names and tags), so dashboards read on.
 * <p>
 * Each call runs on its own virtual thread carrying the caller's context (deadline, span): the
 * caller may start it and go on ({@link #call} answers a future), and {@link Remote#await} stops
 * waiting at the request's deadline whatever the call is doing, queued in the bulkhead included.
 * Cancelling that future interrupts the call.
 */
final class CallGuard {

    /** Settings of one kind of call; {@link #from} reads overrides from MP Config. */
    record Settings(Duration timeout, int maxRetries, Duration retryDelay, Duration retryJitter, Duration retryMaxDuration,
                    int bulkhead, int bulkheadQueue, int breakerVolume, int breakerFailurePercent, Duration breakerDelay) {

        /**
         * These settings with a service's and a method's overrides: {@code clients.<service>.timeout-ms},
         * {@code clients.<service>.<method>.timeout-ms}, {@code clients.<service>.max-retries},
         * {@code clients.<service>.bulkhead}, {@code clients.<service>.bulkhead-queue},
         * {@code clients.<service>.breaker-delay-ms}.
         */
        Settings from(Config config, String service, String method) {
            String prefix = "clients." + service + ".";
            Duration timeout = millis(config, prefix + method + ".timeout-ms")
                    .orElse(millis(config, prefix + "timeout-ms").orElse(this.timeout));
            return new Settings(timeout,
                    config.getOptionalValue(prefix + "max-retries", Integer.class).orElse(maxRetries),
                    retryDelay, retryJitter, retryMaxDuration,
                    config.getOptionalValue(prefix + "bulkhead", Integer.class).orElse(bulkhead),
                    config.getOptionalValue(prefix + "bulkhead-queue", Integer.class).orElse(bulkheadQueue),
                    breakerVolume, breakerFailurePercent,
                    millis(config, prefix + "breaker-delay-ms").orElse(breakerDelay));
        }

        Settings withRetries(int maxRetries) {
            return new Settings(timeout, maxRetries, retryDelay, retryJitter, retryMaxDuration, bulkhead, bulkheadQueue,
                    breakerVolume, breakerFailurePercent, breakerDelay);
        }

        Settings withTimeout(Duration timeout) {
            return new Settings(timeout, maxRetries, retryDelay, retryJitter, retryMaxDuration, bulkhead, bulkheadQueue,
                    breakerVolume, breakerFailurePercent, breakerDelay);
        }

        private static java.util.Optional<Duration> millis(Config config, String key) {
            return config.getOptionalValue(key, Long.class).map(Duration::ofMillis);
        }
    }

    /** Failures that no retry can mend and that say nothing about the other service's health. */
    private static final Set<Class<? extends Throwable>> NOT_THE_SERVICE = Set.of(UnexpectedResponseException.class,
            DeadlineExceededException.class);

    // the context (deadline, span) goes with each call to its thread
    private static final ExecutorService CALLS = Contexts.wrap(
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("remote-call-", 0).factory()));

    /** The timeout of the attempt running on this thread (each call has a thread of its own), for {@link InternalHttp}. */
    private static final ThreadLocal<Long> ATTEMPT_TIMEOUT_MS = new ThreadLocal<>();

    private final Bulkhead bulkhead;
    private final long timeoutMs;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final AtomicReference<CircuitBreaker.State> lastState = new AtomicReference<>(CircuitBreaker.State.CLOSED);
    private final Metrics metrics;

    /**
     * @param method   the method's name as MP Fault Tolerance's metrics named it ({@code <class>.<method>})
     * @param settings its settings
     * @param registry where its metrics go (MP Fault Tolerance's: the base scope)
     */
    CallGuard(String method, Settings settings, MetricRegistry registry) {
        this.bulkhead = Bulkhead.builder().name(method).limit(settings.bulkhead()).queueLength(settings.bulkheadQueue()).build();
        this.timeoutMs = settings.timeout().toMillis();
        this.breaker = CircuitBreaker.builder().name(method)
                .volume(settings.breakerVolume())
                .errorRatio(settings.breakerFailurePercent())
                .delay(settings.breakerDelay())
                .successThreshold(1)
                .skipOn(NOT_THE_SERVICE)
                .build();
        this.retry = Retry.builder().name(method)
                .retryPolicy(Retry.JitterRetryPolicy.builder()
                        .calls(settings.maxRetries() + 1)
                        .delay(settings.retryDelay())
                        .jitter(settings.retryJitter())
                        .build())
                .overallTimeout(settings.retryMaxDuration())
                // an open circuit or a full bulkhead would only refuse again; the others are not the service's doing
                .skipOn(Set.of(CircuitBreakerOpenException.class, BulkheadException.class,
                        UnexpectedResponseException.class, DeadlineExceededException.class))
                .build();
        this.metrics = new Metrics(registry, method);
    }

    /**
     * Start a call under this guard.
     *
     * @param call the call (the HTTP exchange and the reading of its answer)
     * @param <T>  its outcome
     * @return the outcome to come: the call's answer, or its last failure (a {@link CircuitBreakerOpenException},
     *         a {@link BulkheadException} or the call's own exception, an attempt out of time among them)
     */
    <T> CompletableFuture<T> call(Supplier<T> call) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Future<?> running;
        try {
            running = CALLS.submit(() -> {
                try {
                    outcome.complete(invoke(call));
                } catch (Throwable e) {
                    outcome.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((value, failure) -> {
            if (outcome.isCancelled()) {
                running.cancel(true);
            }
        });
        return outcome;
    }

    private <T> T invoke(Supplier<T> call) {
        int[] attempts = {0};
        try {
            T value = retry.invoke(() -> {
                if (attempts[0]++ > 0) {
                    metrics.retries.inc();
                }
                return underBreaker(call);
            });
            metrics.valueReturned.inc();
            return value;
        } catch (RuntimeException e) {
            metrics.exceptionThrown.inc();
            throw e;
        }
    }

    private <T> T underBreaker(Supplier<T> call) {
        try {
            T value = breaker.invoke(() -> inBulkhead(call));
            metrics.breakerSuccess.inc();
            return value;
        } catch (CircuitBreakerOpenException e) {
            metrics.breakerOpen.inc();
            throw e;
        } catch (RuntimeException e) {
            (NOT_THE_SERVICE.contains(e.getClass()) ? metrics.breakerSuccess : metrics.breakerFailure).inc();
            throw e;
        } finally {
            CircuitBreaker.State now = breaker.state();
            if (lastState.getAndSet(now) != now && now == CircuitBreaker.State.OPEN) {
                metrics.breakerOpened.inc();
            }
        }
    }

    private <T> T inBulkhead(Supplier<T> call) {
        try {
            T value = bulkhead.invoke(() -> timed(call));
            metrics.bulkheadAccepted.inc();
            return value;
        } catch (BulkheadException e) {
            metrics.bulkheadRejected.inc();
            throw e;
        }
    }

    private <T> T timed(Supplier<T> call) {
        ATTEMPT_TIMEOUT_MS.set(timeoutMs);
        try {
            T value = call.get();
            metrics.inTime.inc();
            return value;
        } catch (RuntimeException e) {
            (InternalCall.causedBy(e, SocketTimeoutException.class) ? metrics.timedOut : metrics.inTime).inc();
            throw e;
        } finally {
            ATTEMPT_TIMEOUT_MS.remove();
        }
    }

    /**
     * @param otherwise the timeout outside any guarded attempt
     * @return the timeout of the attempt this thread runs, in milliseconds
     */
    static long attemptTimeoutMillis(long otherwise) {
        Long timeout = ATTEMPT_TIMEOUT_MS.get();
        return timeout == null ? otherwise : timeout;
    }

    /** The counters MP Fault Tolerance kept per method, under its names. */
    private static final class Metrics {

        private final Counter valueReturned;
        private final Counter exceptionThrown;
        private final Counter retries;
        private final Counter breakerSuccess;
        private final Counter breakerFailure;
        private final Counter breakerOpen;
        private final Counter breakerOpened;
        private final Counter inTime;
        private final Counter timedOut;
        private final Counter bulkheadAccepted;
        private final Counter bulkheadRejected;

        Metrics(MetricRegistry registry, String method) {
            Tag tag = new Tag("method", method);
            Tag noFallback = new Tag("fallback", "notDefined");
            valueReturned = registry.counter("ft.invocations.total", tag, new Tag("result", "valueReturned"), noFallback);
            exceptionThrown = registry.counter("ft.invocations.total", tag, new Tag("result", "exceptionThrown"), noFallback);
            retries = registry.counter("ft.retry.retries.total", tag);
            breakerSuccess = registry.counter("ft.circuitbreaker.calls.total", tag, new Tag("circuitBreakerResult", "success"));
            breakerFailure = registry.counter("ft.circuitbreaker.calls.total", tag, new Tag("circuitBreakerResult", "failure"));
            breakerOpen = registry.counter("ft.circuitbreaker.calls.total", tag,
                    new Tag("circuitBreakerResult", "circuitBreakerOpen"));
            breakerOpened = registry.counter("ft.circuitbreaker.opened.total", tag);
            inTime = registry.counter("ft.timeout.calls.total", tag, new Tag("timedOut", "false"));
            timedOut = registry.counter("ft.timeout.calls.total", tag, new Tag("timedOut", "true"));
            bulkheadAccepted = registry.counter("ft.bulkhead.calls.total", tag, new Tag("bulkheadResult", "accepted"));
            bulkheadRejected = registry.counter("ft.bulkhead.calls.total", tag, new Tag("bulkheadResult", "rejected"));
        }
    }
}
