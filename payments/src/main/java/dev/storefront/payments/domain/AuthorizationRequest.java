package dev.storefront.payments.domain;

import dev.storefront.subgraph.types.Money;

/**
 * A request to authorize a payment for an order. The full card number is only passed to the
 * provider; the payment keeps its last four digits.
 *
 * @param orderId    the order paid for
 * @param amount     amount in minor units
 * @param method     payment method
 * @param cardNumber card number (digits only)
 */
public record AuthorizationRequest(String orderId, Money amount, PaymentMethod method, String cardNumber) {

    /** @return the last four digits of the card */
    public String cardLast4() {
        return cardNumber.substring(cardNumber.length() - 4);
    }

    @Override
    public String toString() {
        // never print a card number
        return "AuthorizationRequest[orderId=" + orderId + ", amount=" + amount + ", method=" + method
                + ", card=…" + cardLast4() + "]";
    }
}
