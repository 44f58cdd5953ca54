package dev.storefront.orders.client;

/**
 * A payment of an order, as the payments service lists it for recovery.
 *
 * @param paymentId   the payment
 * @param status      its status (AUTHORIZED, CAPTURED, VOIDED, DECLINED, FAILED, ...)
 * @param amountMinor its amount in minor units
 * @param currency    its currency
 */
public record PaymentSummary(String paymentId, String status, int amountMinor, String currency) {

    /** @return whether money is held on the card and must be voided if the order does not go ahead */
    public boolean isAuthorized() {
        return "AUTHORIZED".equals(status);
    }

    /** @return whether money was taken and must be refunded if the order does not go ahead */
    public boolean isCaptured() {
        return "CAPTURED".equals(status) || "PARTIALLY_REFUNDED".equals(status);
    }

    /** @return whether the card was refused */
    public boolean isDeclined() {
        return "DECLINED".equals(status);
    }
}
