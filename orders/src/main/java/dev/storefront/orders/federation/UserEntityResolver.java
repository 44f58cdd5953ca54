package dev.storefront.orders.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.orders.domain.User;
import dev.storefront.orders.domain.UserOrdersBatch;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code User} references so this subgraph can add {@code User.orders}. Users are owned
 * by the users subgraph, so any well-formed id resolves (a user without orders has an empty
 * list); the batch's users share one {@link UserOrdersBatch}, which reads the first page of
 * orders of all of them with one statement.
 */
@ApplicationScoped
class UserEntityResolver implements EntityResolver<User> {

    private final OrderRepository orders;

    @Inject
    UserEntityResolver(OrderRepository orders) {
        this.orders = orders;
    }

    @Override
    public String typeName() {
        return "User";
    }

    @Override
    public List<User> resolve(List<Map<String, Object>> representations) {
        List<Object> ids = representations.stream().map(r -> r.get("id")).toList();
        UserOrdersBatch batch = new UserOrdersBatch(
                ids.stream().filter(Ids::isValid).map(String.class::cast).distinct().toList(), orders::firstPages);
        return ids.stream().map(id -> Ids.isValid(id) ? new User((String) id, batch) : null).toList();
    }
}
