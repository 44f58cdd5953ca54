package dev.storefront.orders.persistence;

import java.time.LocalDateTime;

import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.subgraph.database.UtcTimes;

/**
 * A move of one order from one status to another, applied only if the order is still in
 * {@code from} (a conditional update), with the columns that change along.
 *
 * @param orderId        the order
 * @param from           status the order must be in
 * @param to             new status
 * @param reason         why, recorded in the history
 * @param paymentId      payment to record, or {@code null} to keep the current one
 * @param trackingNumber tracking number to record, or {@code null} to keep the current one
 * @param failureCode    failure code to record, or {@code null} to keep the current one
 * @param recoveryDueAt  new recovery deadline, or {@code null} for none (nothing left to check)
 * @param at             when
 */
public record StatusChange(String orderId, OrderStatus from, OrderStatus to, String reason, String paymentId,
                           String trackingNumber, String failureCode, LocalDateTime recoveryDueAt, LocalDateTime at) {

    /**
     * A plain move, nothing else changes and nothing is left for recovery.
     *
     * @return the change
     */
    public static StatusChange of(String orderId, OrderStatus from, OrderStatus to, String reason) {
        return new StatusChange(orderId, from, to, reason, null, null, null, null, UtcTimes.now());
    }

    public StatusChange withPaymentId(String newPaymentId) {
        return new StatusChange(orderId, from, to, reason, newPaymentId, trackingNumber, failureCode, recoveryDueAt, at);
    }

    public StatusChange withTrackingNumber(String newTrackingNumber) {
        return new StatusChange(orderId, from, to, reason, paymentId, newTrackingNumber, failureCode, recoveryDueAt, at);
    }

    public StatusChange withFailureCode(String newFailureCode) {
        return new StatusChange(orderId, from, to, reason, paymentId, trackingNumber, newFailureCode, recoveryDueAt, at);
    }

    public StatusChange withRecoveryDueAt(LocalDateTime newRecoveryDueAt) {
        return new StatusChange(orderId, from, to, reason, paymentId, trackingNumber, failureCode, newRecoveryDueAt, at);
    }
}
