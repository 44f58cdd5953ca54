package dev.storefront.payments.api;

import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.domain.PaymentService;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Reading payments. */
@GraphQLApi
@ApplicationScoped
public class PaymentQueries {

    private final PaymentService payments;

    @Inject
    public PaymentQueries(PaymentService payments) {
        this.payments = payments;
    }

    @Query("payment")
    @Description("A payment by id, or null when there is none")
    public Payment payment(@Name("id") @Id @NonNull String id) {
        return payments.find(Ids.require("id", id)).orElse(null);
    }
}
