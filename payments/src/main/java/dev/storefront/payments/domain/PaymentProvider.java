package dev.storefront.payments.domain;

/**
 * The card processor that moves the money. Calls are keyed so a provider can deduplicate them:
 * an authorization by the caller's idempotency key, the others by the authorization's reference.
 */
public interface PaymentProvider {

    /**
     * Ask the issuer to reserve an amount on a card.
     *
     * @param idempotencyKey  the caller's key; the same key never authorizes twice
     * @param request         what to authorize
     * @return approved with a reference, or declined with a reason
     * @throws ProviderTimeoutException when the provider does not answer in time
     */
    AuthorizationOutcome authorize(String idempotencyKey, AuthorizationRequest request);

    /**
     * Take the authorized amount.
     *
     * @param authorizationReference reference of the approved authorization
     * @param amountMinor            amount to capture
     * @param currency               its currency
     */
    void capture(String authorizationReference, int amountMinor, String currency);

    /**
     * Release an authorization that will not be captured.
     *
     * @param authorizationReference reference of the approved authorization
     */
    void voidAuthorization(String authorizationReference);

    /**
     * Return captured money.
     *
     * @param authorizationReference reference of the captured authorization
     * @param amountMinor            amount to return
     * @param currency               its currency
     */
    void refund(String authorizationReference, int amountMinor, String currency);

    /**
     * What the provider answered to an authorization.
     *
     * @param approved    whether the amount is reserved
     * @param reference   the provider's reference of an approved authorization, else {@code null}
     * @param declineCode why it was declined, else {@code null}
     */
    record AuthorizationOutcome(boolean approved, String reference, PaymentFailureCode declineCode) {

        public static AuthorizationOutcome approved(String reference) {
            return new AuthorizationOutcome(true, reference, null);
        }

        public static AuthorizationOutcome declined(PaymentFailureCode reason) {
            return new AuthorizationOutcome(false, null, reason);
        }
    }
}
