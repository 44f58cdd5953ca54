package dev.storefront.subgraph.security;

import dev.storefront.subgraph.types.ErrorCode;

/**
 * The operation needs a signed-in caller and the request has no valid bearer token. A checked
 * exception on purpose: MP GraphQL shows a checked exception's message to the client (unchecked
 * ones are masked), and the signature tells readers the method is protected.
 */
public class NotAuthenticatedException extends Exception implements ErrorCode {

    public NotAuthenticatedException(String message) {
        super("Not authenticated: " + message, null, false, false);
    }

    /** @return {@value ErrorCode#UNAUTHENTICATED}, in the error's {@code extensions.code} */
    @Override
    public String code() {
        return UNAUTHENTICATED;
    }
}
