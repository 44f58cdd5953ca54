package dev.storefront.orders.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.storefront.subgraph.deadline.Deadline;

import io.helidon.faulttolerance.BulkheadException;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.RetryTimeoutException;
import io.helidon.faulttolerance.TimeoutException;

/** Waits for an asynchronous client call and reports every way it can fail as one of two exceptions. */
public final class Remote {

    /** How long past the deadline a call's own timeout may take to surface before the wait ends. */
    private static final long AWAIT_GRACE_MS = 100;

    private Remote() {
    }

    /**
     * Wait for a call's outcome.
     *
     * @param service the service called, for messages
     * @param call    the call in flight
     * @param <T>     outcome type
     * @return the outcome
     * @throws RemoteServiceException       the service could not be reached, was too slow, is shielded by an
     *                                      open circuit or a full bulkhead, or answered 5xx
     * @throws UnexpectedResponseException the service answered outside the contract
     */
    public static <T> T await(String service, CompletionStage<T> call) {
        Deadline deadline = Deadline.current();
        var future = call.toCompletableFuture();
        try {
            if (!deadline.isBounded()) {
                return future.get();
            }
            // the call's own timeouts are bounded by the deadline already; this also covers time
            // spent queued in the bulkhead, and answers the caller in time whatever happens
            return future.get(deadline.remainingMillis() + AWAIT_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new DeadlineExceededException(service + " did not answer within the request's deadline", e);
        } catch (ExecutionException | CompletionException e) {
            throw translate(service, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteServiceException("Interrupted while waiting for " + service, e);
        }
    }

    /**
     * @return the least time left worth starting a call with ({@code orders.deadline.min-call-ms});
     *         with less, a call is not made and a {@link DeadlineExceededException} is thrown
     */
    public static long minCallMillis() {
        return InternalCall.minCallMillis();
    }

    private static RuntimeException translate(String service, Throwable failure) {
        return switch (failure) {
            case RemoteServiceException e -> e;
            case UnexpectedResponseException e -> e;
            case CircuitBreakerOpenException e -> new RemoteServiceException(
                    "Calls to " + service + " are suspended after repeated failures (circuit open)", e);
            case BulkheadException e -> new RemoteServiceException("Too many calls to " + service + " in progress", e);
            // retries ran out of time: what the last attempt met says more than that
            case RetryTimeoutException e when e.lastRetryException() != null -> translate(service, e.lastRetryException());
            case TimeoutException e -> new RemoteServiceException(service + " did not answer in time", e);
            case CompletionException e when e.getCause() != null -> translate(service, e.getCause());
            default -> new RemoteServiceException(service + " call failed: " + failure, failure);
        };
    }
}
