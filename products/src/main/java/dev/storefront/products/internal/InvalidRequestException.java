package dev.storefront.products.internal;

/** A request body or path parameter the caller got wrong; its message is written for the caller. */
class InvalidRequestException extends RuntimeException {

    InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
