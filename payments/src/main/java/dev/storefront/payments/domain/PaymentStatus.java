package dev.storefront.payments.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/**
 * Where a payment stands. Allowed moves: PENDING → AUTHORIZED | DECLINED | FAILED;
 * AUTHORIZED → CAPTURED | VOIDED; CAPTURED → PARTIALLY_REFUNDED | REFUNDED;
 * PARTIALLY_REFUNDED → PARTIALLY_REFUNDED | REFUNDED. DECLINED, FAILED, VOIDED and REFUNDED are final.
 */
@Enum("PaymentStatus")
@Description("Where a payment stands: authorized at checkout, captured on shipment, then possibly refunded")
public enum PaymentStatus {
    /** Authorization requested from the provider, no answer recorded yet. */
    PENDING,
    AUTHORIZED,
    CAPTURED,
    PARTIALLY_REFUNDED,
    REFUNDED,
    VOIDED,
    DECLINED,
    /** The provider did not answer in time; nothing was authorized. */
    FAILED;

    /** @return whether money was captured at some point (so a capture request is already satisfied) */
    public boolean wasCaptured() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** @return whether captured money remains that a refund could return */
    public boolean isRefundable() {
        return this == CAPTURED || this == PARTIALLY_REFUNDED;
    }
}
