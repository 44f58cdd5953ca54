package dev.storefront.orders.client;

/**
 * A call was not made, or not waited for any longer, because the deadline of the request being
 * served (the caller's {@code X-Request-Deadline-Ms}, less what orders keeps to answer) is too
 * near. Says nothing about the other service's health: never retried, never counted by the
 * circuit breakers. Like any {@link RemoteServiceException}, the outcome at the other end is
 * unknown when the call had been sent.
 */
public class DeadlineExceededException extends RemoteServiceException {

    public DeadlineExceededException(String message) {
        super(message);
    }

    public DeadlineExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
