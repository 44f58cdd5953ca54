package dev.storefront.payments.api;

import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.service.PaymentService;
import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * Reading payments: a payment is shown to the customer who owns the order it pays for, and to
 * admins. A customer asking for any other id, whether it exists or not, is denied, so ids cannot
 * be probed. A payment whose authorization did not name the owner is visible to admins only.
 */
@GraphQLApi
@ApplicationScoped
public class PaymentQueries {

    private final PaymentService payments;
    private final CurrentCaller callers;

    @Inject
    public PaymentQueries(PaymentService payments, CurrentCaller callers) {
        this.payments = payments;
        this.callers = callers;
    }

    @Query("payment")
    @Description("A payment by id, for the order's owner or an admin; null (admins only) when there is none")
    public Payment payment(@Name("id") @Id @NonNull String id) throws NotAuthenticatedException, AccessDeniedException {
        callers.require();
        Payment payment = payments.find(Ids.require("id", id)).orElse(null);
        callers.requireSelfOrRole(payment == null ? null : payment.userId(), Caller.ADMIN);
        return payment;
    }
}
