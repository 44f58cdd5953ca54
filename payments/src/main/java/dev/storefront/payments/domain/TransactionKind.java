package dev.storefront.payments.domain;

import org.eclipse.microprofile.graphql.Enum;

/** What a provider transaction did. */
@Enum("PaymentTransactionKind")
public enum TransactionKind {
    AUTHORIZE,
    CAPTURE,
    VOID,
    REFUND
}
