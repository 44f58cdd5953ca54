package dev.storefront.orders.federation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.storefront.orders.domain.User;
import dev.storefront.orders.domain.UserOrdersBatch;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code User} references so this subgraph can add {@code User.orders}. Users are owned
 * by the users subgraph, so any well-formed id resolves (a user without orders has an empty
 * list); the batch's users share one {@link UserOrdersBatch}, which reads the first page of
 * orders of all of them with one statement. Only users whose orders the caller may read (self,
 * or everyone for an admin) are in that statement; {@code User.orders} refuses the others.
 */
@ApplicationScoped
class UserEntityResolver implements EntityResolver<User> {

    private final OrderRepository orders;
    private final CurrentCaller callers;

    @Inject
    UserEntityResolver(OrderRepository orders, CurrentCaller callers) {
        this.orders = orders;
        this.callers = callers;
    }

    @Override
    public String typeName() {
        return "User";
    }

    @Override
    public List<User> resolve(List<Map<String, Object>> representations) {
        List<Object> ids = representations.stream().map(r -> r.get("id")).toList();
        Optional<Caller> caller = OrderEntityResolver.callerOrNobody(callers);
        UserOrdersBatch batch = new UserOrdersBatch(ids.stream().filter(Ids::isValid).map(String.class::cast).distinct()
                .filter(id -> caller.isPresent() && caller.get().isSelfOrHasRole(id, Caller.ADMIN))
                .toList(), orders::firstPages);
        return ids.stream().map(id -> Ids.isValid(id) ? new User((String) id, batch) : null).toList();
    }
}
