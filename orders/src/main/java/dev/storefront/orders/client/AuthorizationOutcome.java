package dev.storefront.orders.client;

/** How the payments service answered an authorization request. */
public sealed interface AuthorizationOutcome {

    /**
     * The amount is held on the card.
     *
     * @param paymentId the payment
     */
    record Authorized(String paymentId) implements AuthorizationOutcome {
    }

    /**
     * The card was refused (declined, insufficient funds); nothing is held.
     *
     * @param code      PAYMENT_DECLINED or INSUFFICIENT_FUNDS
     * @param message   the service's explanation
     * @param paymentId the failed payment, or {@code null}
     */
    record Declined(String code, String message, String paymentId) implements AuthorizationOutcome {
    }

    /**
     * The card provider gave no answer in time; the payments service recorded nothing as authorized.
     *
     * @param message the service's explanation
     */
    record ProviderTimeout(String message) implements AuthorizationOutcome {
    }

    /**
     * The service refused for another contract reason (e.g. the key was used for another amount).
     *
     * @param code    the service's code
     * @param message the service's explanation
     */
    record Refused(String code, String message) implements AuthorizationOutcome {
    }
}
