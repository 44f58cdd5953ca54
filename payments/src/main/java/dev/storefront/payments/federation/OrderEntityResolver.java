package dev.storefront.payments.federation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.payments.domain.Order;
import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.persistence.PaymentRepository;
import dev.storefront.subgraph.federation.EntityResolver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code Order} references with the payments this subgraph contributes. The payments of
 * the whole batch of orders load in one statement here, because a per-order field resolver would
 * run once per order. Orders belong to the orders subgraph, so every well-formed id resolves; one
 * without payments has an empty list.
 *
 * <p>No caller check here, on purpose: the gateway asks for {@code Order.payments} only for orders
 * the orders subgraph has just returned to the same request, and orders returns an order only to
 * its owner or an admin ({@code order}, {@code User.orders}, the order mutations): the check is
 * made where the order's owner is known. Payments authorized before {@code user_id} was recorded
 * have no owner here, so a second check would hide them from their owners. The subgraph's own
 * port must not be reachable by clients: a direct {@code _entities} call bypasses the gateway and
 * orders' check (as it would for any subgraph).
 */
@ApplicationScoped
class OrderEntityResolver implements EntityResolver<Order> {

    private final PaymentRepository payments;

    @Inject
    OrderEntityResolver(PaymentRepository payments) {
        this.payments = payments;
    }

    @Override
    public String typeName() {
        return "Order";
    }

    @Override
    public List<Order> resolve(List<Map<String, Object>> representations) {
        return EntityResolver.resolveByIds(representations, orderIds -> {
            Map<String, List<Payment>> byOrder = payments.findByOrderIds(orderIds);
            return orderIds.stream().collect(Collectors.toMap(Function.identity(),
                    id -> Order.withPayments(id, byOrder.getOrDefault(id, List.of()))));
        });
    }
}
