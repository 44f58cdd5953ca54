package dev.storefront.gateway.supergraph;

/** A supergraph that cannot be read or is not a Federation v2 supergraph the gateway understands. */
public class SupergraphException extends RuntimeException {
    public SupergraphException(String message) {
        super(message);
    }

    public SupergraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
