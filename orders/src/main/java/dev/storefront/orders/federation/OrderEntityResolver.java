package dev.storefront.orders.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Resolves {@code Order} references from other subgraphs: the batch's orders in one query, their items in one more. */
@ApplicationScoped
class OrderEntityResolver implements EntityResolver<Order> {

    private final OrderRepository orders;

    @Inject
    OrderEntityResolver(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public String typeName() {
        return "Order";
    }

    @Override
    public List<Order> resolve(List<Map<String, Object>> representations) {
        List<Object> ids = representations.stream().map(r -> r.get("id")).toList();
        Map<String, Order> found = orders.findByIds(ids.stream().filter(Ids::isValid).map(String.class::cast).toList());
        return ids.stream().map(id -> id instanceof String s ? found.get(s) : null).toList();
    }
}
