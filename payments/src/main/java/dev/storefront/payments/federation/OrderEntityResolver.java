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
