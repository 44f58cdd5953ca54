package dev.storefront.subgraph.security;

import dev.storefront.subgraph.types.ErrorCode;

/**
 * The caller is signed in but may not do this (another customer's data, an admin operation).
 * Checked for the same reason as {@link NotAuthenticatedException}: its message reaches the client.
 */
public class AccessDeniedException extends Exception implements ErrorCode {

    public AccessDeniedException(String message) {
        super("Access denied: " + message, null, false, false);
    }

    /** @return {@value ErrorCode#FORBIDDEN}, in the error's {@code extensions.code} */
    @Override
    public String code() {
        return FORBIDDEN;
    }
}
