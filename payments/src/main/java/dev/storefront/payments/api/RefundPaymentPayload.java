package dev.storefront.payments.api;

import java.util.List;

import dev.storefront.payments.domain.Payment;
import dev.storefront.subgraph.types.UserError;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The refunded payment, or why it was not refunded. */
@Type("RefundPaymentPayload")
public class RefundPaymentPayload {

    private final Payment payment;
    private final List<UserError> userErrors;

    public RefundPaymentPayload(Payment payment, List<UserError> userErrors) {
        this.payment = payment;
        this.userErrors = userErrors;
    }

    @Description("The payment after the refund; as it stands when the refund was refused; null if there is none")
    public Payment getPayment() {
        return payment;
    }

    @NonNull
    @Description("Why the refund was refused (REFUND_EXCEEDS_CAPTURED, INVALID_AMOUNT, INVALID_TRANSITION, NOT_FOUND); empty on success")
    public List<@NonNull UserError> getUserErrors() {
        return userErrors;
    }
}
