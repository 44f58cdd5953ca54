package dev.storefront.subgraph.security;

/**
 * The caller is signed in but may not do this (another customer's data, an admin operation).
 * Checked for the same reason as {@link NotAuthenticatedException}: its message reaches the client.
 */
public class AccessDeniedException extends Exception {

    public AccessDeniedException(String message) {
        super("Access denied: " + message, null, false, false);
    }
}
