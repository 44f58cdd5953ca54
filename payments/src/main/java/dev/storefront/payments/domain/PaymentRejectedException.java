package dev.storefront.payments.domain;

/**
 * A payment operation refused by the rules (unknown payment, illegal transition, over-refund,
 * bad amount, reused idempotency key). The message is written for the caller.
 */
public class PaymentRejectedException extends RuntimeException {

    private final Reason reason;
    private final transient Payment payment;

    public PaymentRejectedException(Reason reason, String message, Payment payment) {
        super(message, null, false, false);
        this.reason = reason;
        this.payment = payment;
    }

    /** @return why, as a stable code */
    public Reason reason() {
        return reason;
    }

    /** @return the payment as it stands, or {@code null} when there is none */
    public Payment payment() {
        return payment;
    }

    /** Stable codes callers branch on. */
    public enum Reason {
        NOT_FOUND,
        /** Malformed input other than the amount (ids, keys, card number, method). */
        INVALID_REQUEST,
        /** Amount not positive, or in another currency than the payment. */
        INVALID_AMOUNT,
        INVALID_TRANSITION,
        REFUND_EXCEEDS_CAPTURED,
        /** The idempotency key was used for a different order, amount or card. */
        IDEMPOTENCY_KEY_REUSED,
        /** Another request with the same key is still waiting for the provider. */
        AUTHORIZATION_IN_PROGRESS
    }
}
