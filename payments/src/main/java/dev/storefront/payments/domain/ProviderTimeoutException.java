package dev.storefront.payments.domain;

/** The payment provider gave no answer in time; nothing is known to have been authorized. */
public class ProviderTimeoutException extends RuntimeException {

    public ProviderTimeoutException(String message) {
        super(message);
    }
}
