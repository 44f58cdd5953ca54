package dev.storefront.orders.client;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.function.Supplier;

import dev.storefront.subgraph.deadline.Deadline;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One call of an internal contract, made the same way for every client: a call not started
 * without time for its answer, and every failure sorted into {@link RemoteServiceException} (retry
 * may help), {@link DeadlineExceededException} (the deadline, not the service) or
 * {@link UnexpectedResponseException} (outside the contract).
 */
final class InternalCall {

    private static volatile Long minCallMillis;

    private InternalCall() {
    }

    /**
     * Make a call and read its answer.
     *
     * @param service     service name, for messages
     * @param what        the call, for messages
     * @param call        the exchange ({@link InternalHttp})
     * @param contract5xx a 5xx status the contract defines as an answer (e.g. 504 PROVIDER_TIMEOUT), or 0
     * @return the 2xx answer
     * @throws ErrorAnswer a 4xx answer or the contract's 5xx, for the caller to read
     */
    static <T> T call(String service, String what, Supplier<T> call, int contract5xx) {
        Deadline deadline = Deadline.current();
        if (deadline.isBounded() && deadline.remainingMillis() < minCallMillis()) {
            // too little time left for an answer: not sent (nothing happens at the other end), not retried
            throw new DeadlineExceededException(service + " not called (" + what + "): the request's deadline is reached");
        }
        try {
            return call.get();
        } catch (ErrorAnswer e) {
            if (e.status() >= 500 && e.status() != contract5xx) {
                throw new RemoteServiceException(service + " answered " + e.status() + " to " + what + ": "
                        + abbreviate(e.text()));
            }
            throw e;
        } catch (JsonbException | JsonException e) {
            throw new UnexpectedResponseException(service + " answered " + what + " with a body that is not the"
                    + " contract's JSON: " + rootMessage(e));
        } catch (UncheckedIOException e) {
            if (causedBy(e, SocketTimeoutException.class)) {
                if (deadline.isBounded() && deadline.remainingMillis() < minCallMillis()) {
                    // the deadline, not the service, cut this call short: its outcome there is unknown
                    throw new DeadlineExceededException(service + " did not answer " + what + " within the request's deadline", e);
                }
                // the attempt's timeout (CallGuard): retried, and counted against the service
                throw new RemoteServiceException(service + " did not answer " + what + " in time", e);
            }
            throw new RemoteServiceException(service + " unreachable (" + what + "): " + rootMessage(e), e);
        }
    }

    /** The least time left worth starting a call with ({@code orders.deadline.min-call-ms}). */
    static long minCallMillis() {
        Long value = minCallMillis;
        if (value == null) {
            value = ConfigProvider.getConfig().getOptionalValue("orders.deadline.min-call-ms", Long.class).orElse(100L);
            minCallMillis = value;
        }
        return value;
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        // the cause in words ("Connection refused"), not a class name, since it reaches clients
        return root.getMessage() == null ? "no answer" : root.getMessage();
    }
}
