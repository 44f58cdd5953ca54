package dev.storefront.payments.domain;

import org.eclipse.microprofile.graphql.Enum;

/** How the provider answered a transaction. */
@Enum("PaymentTransactionStatus")
public enum TransactionStatus {
    SUCCEEDED,
    DECLINED,
    FAILED
}
