package dev.storefront.payments.domain;

import java.time.Instant;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One call to the payment provider and its answer. */
@Type("PaymentTransaction")
@Description("One call to the payment provider (authorize, capture, void, refund) and its answer")
public class PaymentTransaction {

    private final TransactionKind kind;
    private final Money amount;
    private final TransactionStatus status;
    private final Instant at;

    public PaymentTransaction(TransactionKind kind, Money amount, TransactionStatus status, Instant at) {
        this.kind = kind;
        this.amount = amount;
        this.status = status;
        this.at = at;
    }

    @NonNull
    public TransactionKind getKind() {
        return kind;
    }

    @NonNull
    public Money getAmount() {
        return amount;
    }

    @NonNull
    public TransactionStatus getStatus() {
        return status;
    }

    @NonNull
    @Description("When the provider answered, ISO-8601 UTC")
    public String getAt() {
        return at.toString();
    }
}
