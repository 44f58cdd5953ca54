package dev.storefront.payments.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Why an authorization did not succeed; also the code the internal API answers with. */
@Enum("PaymentFailureCode")
@Description("Why an authorization did not succeed")
public enum PaymentFailureCode {
    /** The issuer refused the card. */
    PAYMENT_DECLINED,
    /** The card lacks funds for the amount. */
    INSUFFICIENT_FUNDS,
    /** The provider gave no answer in time. */
    PROVIDER_TIMEOUT
}
