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
     * What became of an authorization whose answer was lost: the process that asked died, or
     * could not record the answer (its database was away). The provider answers from its own
     * record of the key: approved (with the reference the first call got) or declined. When it
     * holds no completed authorization for the key, it closes the key, so a request with it still
     * on its way can no longer authorize, and answers {@link AuthorizationOutcome#notAuthorized()}
     * (a real provider: a look-up by the merchant's reference, then a "technical cancel" of it).
     * Asking again gives the same answer. Needs no card number: payments keeps none.
     *
     * @param idempotencyKey key of the authorization whose answer was lost
     * @param cardLast4      last four digits of its card (all payments keeps of it)
     * @return approved with a reference, declined with a reason, or not authorized (nothing held)
     * @throws ProviderTimeoutException when the provider does not answer in time (ask again later)
     */
    AuthorizationOutcome resolveLost(String idempotencyKey, String cardLast4);

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
     * @param declineCode why it was declined, else {@code null} (and then, not approved: nothing was
     *                    authorized for the key, see {@link #resolveLost})
     */
    record AuthorizationOutcome(boolean approved, String reference, PaymentFailureCode declineCode) {

        public static AuthorizationOutcome approved(String reference) {
            return new AuthorizationOutcome(true, reference, null);
        }

        public static AuthorizationOutcome declined(PaymentFailureCode reason) {
            return new AuthorizationOutcome(false, null, reason);
        }

        /** @return the answer for a key the provider never authorized (and has now closed) */
        public static AuthorizationOutcome notAuthorized() {
            return new AuthorizationOutcome(false, null, null);
        }
    }
}
