package dev.storefront.orders.checkout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.client.ProductSnapshot;
import dev.storefront.orders.client.ProductsClient;
import dev.storefront.orders.client.ReservationOutcome;
import dev.storefront.orders.domain.OrderItem;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Stands in for the products client in orders' own checkout tests: a two-product catalogue whose
 * reservations are idempotent per order and all-or-nothing, as products' contract says. Its answers
 * reach the saga directly (the client's fault tolerance is {@code CallGuardTest}'s).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProductsStandIn extends ProductsClient {

    @Override
    public CompletionStage<Map<String, ProductSnapshot>> lookup(List<String> ids) {
        return CompletableFuture.completedFuture(PeerLedger.lookup(ids));
    }

    @Override
    public CompletionStage<ReservationOutcome> reserve(String orderId, List<OrderItem> items) {
        return CompletableFuture.completedFuture(PeerLedger.reserve(orderId, items));
    }

    @Override
    public CompletionStage<Boolean> release(String orderId) {
        return CompletableFuture.completedFuture(PeerLedger.release(orderId));
    }
}
