package dev.storefront.payments.api;

import java.util.List;

import dev.storefront.payments.domain.PaymentRejectedException;
import dev.storefront.payments.service.PaymentService;
import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.UserError;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Admin changes to payments. A caller who is not an ADMIN gets a GraphQL error and no data,
 * checked before the input is looked at; an admin's business refusals are {@code userErrors}.
 */
@GraphQLApi
@ApplicationScoped
public class PaymentMutations {

    private final PaymentService payments;
    private final CurrentCaller callers;

    @Inject
    public PaymentMutations(PaymentService payments, CurrentCaller callers) {
        this.payments = payments;
        this.callers = callers;
    }

    @Mutation("refundPayment")
    @NonNull
    @Description("Admin: refund part or all of a captured payment")
    public RefundPaymentPayload refundPayment(@Name("input") @NonNull RefundRequest input)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        try {
            return new RefundPaymentPayload(
                    payments.refund(input.getPaymentId(), input.getAmount(), input.getIdempotencyKey()), List.of());
        } catch (PaymentRejectedException e) {
            return new RefundPaymentPayload(e.payment(), List.of(new UserError(e.reason().name(), e.getMessage(),
                    fieldOf(e.reason()))));
        }
    }

    /** The input field a refusal concerns, for clients that highlight it. */
    private static String[] fieldOf(PaymentRejectedException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> new String[] {"input", "paymentId"};
            case INVALID_AMOUNT, REFUND_EXCEEDS_CAPTURED -> new String[] {"input", "amount"};
            case INVALID_REQUEST -> new String[] {"input", "idempotencyKey"};
            default -> new String[] {"input"};
        };
    }
}
