package dev.storefront.orders.domain;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/**
 * Where an order stands. The only moves: PENDING → PAID → SHIPPED → DELIVERED;
 * PENDING → PAYMENT_FAILED; PENDING or PAID → CANCELLED. DELIVERED, PAYMENT_FAILED and CANCELLED are final.
 */
@Enum("OrderStatus")
@Description("Where an order stands: PENDING → PAID → SHIPPED → DELIVERED; PENDING → PAYMENT_FAILED; "
        + "PENDING or PAID → CANCELLED")
public enum OrderStatus {
    /** Checkout in progress: stock being reserved, payment being authorized. */
    PENDING,
    /** Stock reserved and payment authorized. */
    PAID,
    /** Handed to the carrier; the payment was captured. */
    SHIPPED,
    DELIVERED,
    /** The payment was not authorized; the reservation was released. */
    PAYMENT_FAILED,
    /** Cancelled before shipment; stock released, authorization voided. */
    CANCELLED;

    /** @return whether the order may move from this status to {@code next} */
    public boolean canBecome(OrderStatus next) {
        return successors().contains(next);
    }

    /** @return the statuses this one may move to */
    public Set<OrderStatus> successors() {
        return switch (this) {
            case PENDING -> EnumSet.of(PAID, PAYMENT_FAILED, CANCELLED);
            case PAID -> EnumSet.of(SHIPPED, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case DELIVERED, PAYMENT_FAILED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    /** @return whether no further move is possible */
    public boolean isFinal() {
        return successors().isEmpty();
    }
}
