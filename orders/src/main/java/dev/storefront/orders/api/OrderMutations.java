package dev.storefront.orders.api;

import dev.storefront.orders.domain.CheckoutRequest;
import dev.storefront.orders.domain.CheckoutSaga;
import dev.storefront.orders.domain.OrderLifecycle;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Checkout and the order's later status changes; business failures are userErrors, never thrown. */
@GraphQLApi
@ApplicationScoped
public class OrderMutations {

    private final CheckoutSaga checkout;
    private final OrderLifecycle lifecycle;

    @Inject
    public OrderMutations(CheckoutSaga checkout, OrderLifecycle lifecycle) {
        this.checkout = checkout;
        this.lifecycle = lifecycle;
    }

    @Mutation("placeOrder")
    @NonNull
    @Description("Buy: prices are taken from the catalogue now, stock is reserved, the card authorized (captured on "
            + "shipment). Safe to repeat with the same idempotencyKey.")
    public PlaceOrderPayload placeOrder(@Name("input") @NonNull PlaceOrderRequest input) {
        CheckoutRequest request = new CheckoutRequest(input.getUserId(),
                input.getItems() == null ? null : input.getItems().stream()
                        .map(line -> line == null ? new CheckoutRequest.Line(null, null, null)
                                : new CheckoutRequest.Line(line.getProductId(), line.getQuantity(), line.getExpectedUnitPriceMinor()))
                        .toList(),
                input.getPaymentMethod() == null ? null : input.getPaymentMethod().getCardNumber(),
                input.getIdempotencyKey());
        return new PlaceOrderPayload(checkout.placeOrder(request));
    }

    @Mutation("shipOrder")
    @NonNull
    @Description("PAID → SHIPPED: captures the payment and records the tracking number")
    public OrderPayload shipOrder(@Name("id") @Id @NonNull String id, @Name("trackingNumber") @NonNull String trackingNumber) {
        return new OrderPayload(lifecycle.ship(Ids.require("id", id), trackingNumber));
    }

    @Mutation("deliverOrder")
    @NonNull
    @Description("SHIPPED → DELIVERED")
    public OrderPayload deliverOrder(@Name("id") @Id @NonNull String id) {
        return new OrderPayload(lifecycle.deliver(Ids.require("id", id)));
    }

    @Mutation("cancelOrder")
    @NonNull
    @Description("PENDING or PAID → CANCELLED: releases the stock and voids (or refunds) the payment")
    public OrderPayload cancelOrder(@Name("id") @Id @NonNull String id,
                                    @Name("reason") @Description("Why, at most 500 characters") String reason) {
        return new OrderPayload(lifecycle.cancel(Ids.require("id", id), reason));
    }
}
