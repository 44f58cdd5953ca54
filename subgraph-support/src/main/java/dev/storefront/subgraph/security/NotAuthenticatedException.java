package dev.storefront.subgraph.security;

/**
 * The operation needs a signed-in caller and the request has no valid bearer token. A checked
 * exception on purpose: MP GraphQL shows a checked exception's message to the client (unchecked
 * ones are masked), and the signature tells readers the method is protected.
 */
public class NotAuthenticatedException extends Exception {

    public NotAuthenticatedException(String message) {
        super("Not authenticated: " + message, null, false, false);
    }
}
