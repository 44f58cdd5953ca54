package dev.storefront.orders.client;

/**
 * Another service answered, but not as the contract says (a 400, an unknown code, a body that is
 * not the agreed JSON): repeating the same request would get the same answer, so it is neither
 * retried nor held against the service's health by the circuit breaker.
 */
public class UnexpectedResponseException extends RuntimeException {

    public UnexpectedResponseException(String message) {
        super(message);
    }
}
