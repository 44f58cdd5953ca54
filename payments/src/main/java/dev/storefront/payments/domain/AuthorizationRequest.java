package dev.storefront.payments.domain;

import dev.storefront.subgraph.types.Money;

/**
 * A request to authorize a payment for an order. The full card number is only passed to the
 * provider; the payment keeps its last four digits.
 *
 * @param orderId    the order paid for
 * @param userId     the account that owns the order, or {@code null} when the caller does not say
 *                   (then only admins may read the payment)
 * @param amount     amount in minor units
 * @param method     payment method
 * @param cardNumber card number (digits only)
 */
public record AuthorizationRequest(String orderId, String userId, Money amount, PaymentMethod method, String cardNumber) {

    /** @return the last four digits of the card */
    public String cardLast4() {
        return cardNumber.substring(cardNumber.length() - 4);
    }

    @Override
    public String toString() {
        // never print a card number
        return "AuthorizationRequest[orderId=" + orderId + ", userId=" + userId + ", amount=" + amount + ", method=" + method
                + ", card=…" + cardLast4() + "]";
    }
}
