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
 * reservations are idempotent per order and all-or-nothing, as products' contract says. It
 * inherits the client's fault tolerance, so the saga meets the same retries and timeouts.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ProductsStandIn extends ProductsClient {

    // every body is one call into the ledger: Helidon's fault tolerance, inherited from the client,
    // would take any lambda here for an @Asynchronous method and refuse it

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
