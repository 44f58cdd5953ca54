package dev.storefront.payments.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.payments.domain.Order;
import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.persistence.PaymentRepository;
import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code Order} references with the payments this subgraph contributes. The payments of
 * the whole batch of orders load in one statement here, because a per-order field resolver would
 * run once per order. Orders belong to the orders subgraph, so every well-formed id resolves; one
 * without payments has an empty list.
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
        List<Object> ids = representations.stream().map(r -> r.get("id")).toList();
        Map<String, List<Payment>> byOrder =
                payments.findByOrderIds(ids.stream().filter(Ids::isValid).map(String.class::cast).toList());
        Map<String, Order> orders = new java.util.HashMap<>();
        return ids.stream()
                .map(id -> Ids.isValid(id)
                        ? orders.computeIfAbsent((String) id, k -> Order.withPayments(k, byOrder.getOrDefault(k, List.of())))
                        : null)
                .toList();
    }
}
