package dev.storefront.payments.api.internal;

import dev.storefront.payments.domain.Payment;
import dev.storefront.subgraph.types.Money;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The bodies of the internal API's answers, written by JSON-B (fields in the order given, absent
 * when {@code null}; public, for JSON-B). Orders reads them with its own records (orders'
 * {@code PaymentsApi}).
 */
public final class Answers {

    private Answers() {
    }

    /** An amount in minor units. */
    @JsonbPropertyOrder({"amountMinor", "currency"})
    public record MoneyBody(int amountMinor, String currency) {
        static MoneyBody of(Money money) {
            return new MoneyBody(money.getAmountMinor(), money.getCurrency());
        }
    }

    /** Where a payment stands after a call. */
    @JsonbPropertyOrder({"paymentId", "status"})
    public record PaymentState(String paymentId, String status) {
        static PaymentState of(Payment payment) {
            return new PaymentState(payment.getId(), payment.getStatus().name());
        }
    }

    /** A payment of an order, for orders' recovery. */
    @JsonbPropertyOrder({"paymentId", "status", "amount", "capturedAmount", "refundedAmount", "idempotencyKey", "createdAt"})
    public record PaymentBody(String paymentId, String status, MoneyBody amount, MoneyBody capturedAmount,
                              MoneyBody refundedAmount, String idempotencyKey, String createdAt) {
        static PaymentBody of(Payment payment) {
            return new PaymentBody(payment.getId(), payment.getStatus().name(), MoneyBody.of(payment.getAmount()),
                    MoneyBody.of(payment.getCapturedAmount()), MoneyBody.of(payment.getRefundedAmount()),
                    payment.idempotencyKey(), payment.getCreatedAt());
        }
    }

    /** Every error answer: {@code code} and {@code message}, and the payment it is about, if any. */
    @JsonbPropertyOrder({"code", "message", "paymentId", "status"})
    public record ErrorBody(String code, String message, String paymentId, String status) {
        static ErrorBody of(String code, String message) {
            return new ErrorBody(code, message, null, null);
        }

        static ErrorBody about(Payment payment, String code, String message) {
            return new ErrorBody(code, message, payment.getId(), payment.getStatus().name());
        }
    }
}
