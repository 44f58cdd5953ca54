package dev.storefront.payments.api;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** What to refund. */
@Description("A refund of part or all of a payment's captured amount")
// exposed as RefundPaymentInput: MP GraphQL appends "Input" when the name equals the class name
@Input("RefundPaymentInput")
public class RefundRequest {

    @Id
    @NonNull
    private String paymentId;
    @NonNull
    private Money amount;
    private String idempotencyKey;

    public RefundRequest() {
    }

    public RefundRequest(String paymentId, Money amount, String idempotencyKey) {
        this.paymentId = paymentId;
        this.amount = amount;
        this.idempotencyKey = idempotencyKey;
    }

    @Id
    @NonNull
    public String getPaymentId() {
        return paymentId;
    }

    public void setPaymentId(String paymentId) {
        this.paymentId = paymentId;
    }

    @NonNull
    @Description("Amount to refund, in the payment's currency; at most what remains captured")
    public Money getAmount() {
        return amount;
    }

    public void setAmount(Money amount) {
        this.amount = amount;
    }

    @Description("Optional key making a retried refund apply once")
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }
}
