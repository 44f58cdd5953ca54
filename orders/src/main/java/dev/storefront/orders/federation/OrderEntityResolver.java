package dev.storefront.orders.federation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code Order} references from other subgraphs (e.g. {@code Payment.order}): the batch's
 * orders in one query, their items in one more. Only to their owner or an admin, as
 * {@code order(id)}: any other order, like an unknown one, is {@code null} with the
 * "not found" error at its position, so ids cannot be probed through {@code _entities} either.
 */
@ApplicationScoped
class OrderEntityResolver implements EntityResolver<Order> {

    private final OrderRepository orders;
    private final CurrentCaller callers;

    @Inject
    OrderEntityResolver(OrderRepository orders, CurrentCaller callers) {
        this.orders = orders;
        this.callers = callers;
    }

    @Override
    public String typeName() {
        return "Order";
    }

    @Override
    public List<Order> resolve(List<Map<String, Object>> representations) {
        Optional<Caller> caller = callerOrNobody(callers);
        if (caller.isEmpty()) {
            return representations.stream().map(r -> (Order) null).toList();
        }
        return EntityResolver.resolveByIds(representations, orders::findByIds).stream()
                .map(order -> order != null && caller.get().isSelfOrHasRole(order.userId(), Caller.ADMIN) ? order : null)
                .toList();
    }

    /**
     * The signed-in caller, or empty when there is none or the token is not valid: an entity
     * resolver answers per position and cannot raise the field error, so a bad token sees nothing.
     */
    static Optional<Caller> callerOrNobody(CurrentCaller callers) {
        try {
            return callers.optional();
        } catch (NotAuthenticatedException e) {
            return Optional.empty();
        }
    }
}
