package dev.storefront.orders.api;

import dev.storefront.orders.checkout.CheckoutSaga;
import dev.storefront.orders.checkout.OrderLifecycle;
import dev.storefront.orders.domain.CheckoutRequest;
import dev.storefront.orders.domain.Order;
import dev.storefront.orders.persistence.OrderRepository;
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
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Checkout and the order's later status changes; business failures are userErrors, never thrown.
 * Who may do what is checked first, before any argument is looked at: a refused caller learns
 * nothing and changes nothing (refusals are GraphQL errors at the field, with no data).
 */
@GraphQLApi
@ApplicationScoped
public class OrderMutations {

    private final CheckoutSaga checkout;
    private final OrderLifecycle lifecycle;
    private final OrderRepository orders;
    private final CurrentCaller callers;

    @Inject
    public OrderMutations(CheckoutSaga checkout, OrderLifecycle lifecycle, OrderRepository orders, CurrentCaller callers) {
        this.checkout = checkout;
        this.lifecycle = lifecycle;
        this.orders = orders;
        this.callers = callers;
    }

    @Mutation("placeOrder")
    @NonNull
    @Description("Buy, as the signed-in account: prices are taken from the catalogue now, stock is reserved, the card "
            + "authorized (captured on shipment). Safe to repeat with the same idempotencyKey.")
    public PlaceOrderPayload placeOrder(@Name("input") @NonNull PlaceOrderRequest input) throws NotAuthenticatedException {
        Caller caller = callers.require();
        CheckoutRequest request = new CheckoutRequest(caller.userId(),
                input.getItems() == null ? null : input.getItems().stream()
                        .map(line -> line == null ? new CheckoutRequest.Line(null, null, null)
                                : new CheckoutRequest.Line(line.getProductId(), line.getQuantity(), line.getExpectedUnitPriceMinor()))
                        .toList(),
                input.getPaymentMethod() == null ? null : input.getPaymentMethod().getCardNumber(),
                input.getIdempotencyKey(), input.getShippingAddressId(), null);
        return new PlaceOrderPayload(checkout.placeOrder(request));
    }

    @Mutation("shipOrder")
    @NonNull
    @Description("PAID → SHIPPED: captures the payment and records the tracking number (admins only)")
    public OrderPayload shipOrder(@Name("id") @Id @NonNull String id, @Name("trackingNumber") @NonNull String trackingNumber)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        return new OrderPayload(lifecycle.ship(Ids.require("id", id), trackingNumber));
    }

    @Mutation("deliverOrder")
    @NonNull
    @Description("SHIPPED → DELIVERED (admins only)")
    public OrderPayload deliverOrder(@Name("id") @Id @NonNull String id) throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        return new OrderPayload(lifecycle.deliver(Ids.require("id", id)));
    }

    @Mutation("cancelOrder")
    @NonNull
    @Description("PENDING or PAID → CANCELLED: releases the stock and voids (or refunds) the payment "
            + "(the order's owner, or an admin)")
    public OrderPayload cancelOrder(@Name("id") @Id @NonNull String id,
                                    @Name("reason") @Description("Why, at most 500 characters") String reason)
            throws NotAuthenticatedException, AccessDeniedException {
        Caller caller = callers.require();
        String orderId = Ids.require("id", id);
        if (!caller.hasRole(Caller.ADMIN)) {
            // a missing order is refused like another account's, so a customer cannot probe ids
            callers.requireSelfOrRole(orders.findById(orderId).map(Order::userId).orElse(null), Caller.ADMIN);
        }
        return new OrderPayload(lifecycle.cancel(orderId, reason));
    }
}
