package dev.storefront.payments.domain;

import org.eclipse.microprofile.graphql.Enum;

/** How a payment is made; cards are the only method the (simulated) provider takes. */
@Enum("PaymentMethod")
public enum PaymentMethod {
    CARD
}
