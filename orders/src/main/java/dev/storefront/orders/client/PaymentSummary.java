package dev.storefront.orders.client;

import dev.storefront.subgraph.types.Money;

/**
 * A payment of an order, as the payments service lists it for recovery.
 *
 * @param paymentId     the payment
 * @param status        its status (PENDING, AUTHORIZED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED, VOIDED, DECLINED, FAILED)
 * @param amount        the amount authorized
 * @param capturedMinor how much was captured, minor units
 * @param refundedMinor how much was refunded, minor units
 */
public record PaymentSummary(String paymentId, String status, Money amount, int capturedMinor, int refundedMinor) {

    /** @return whether money is held on the card and must be voided if the order does not go ahead */
    public boolean isAuthorized() {
        return "AUTHORIZED".equals(status);
    }

    /** @return whether captured money remains that must be refunded if the order does not go ahead */
    public boolean isCaptured() {
        return ("CAPTURED".equals(status) || "PARTIALLY_REFUNDED".equals(status)) && refundable().getAmountMinor() > 0;
    }

    /** @return what is still captured and not refunded */
    public Money refundable() {
        return new Money(capturedMinor - refundedMinor, amount.getCurrency());
    }

    /** @return whether payments is still waiting for the card provider's answer */
    public boolean isInProgress() {
        return "PENDING".equals(status);
    }

    /** @return whether the card provider gave no answer in time (nothing was authorized) */
    public boolean isFailed() {
        return "FAILED".equals(status);
    }

    /** @return whether the card was refused */
    public boolean isDeclined() {
        return "DECLINED".equals(status);
    }
}
