package dev.storefront.orders.client;

/**
 * A call to another service did not get a usable answer: not reachable, too slow, or a 5xx. The
 * outcome of the request at the other end is unknown, so it is retried only where the call is
 * idempotent (all of the contract's calls are) and counted by the circuit breaker.
 */
public class RemoteServiceException extends RuntimeException {

    public RemoteServiceException(String message, Throwable cause) {
        super(message, cause);
    }

    public RemoteServiceException(String message) {
        super(message);
    }
}
