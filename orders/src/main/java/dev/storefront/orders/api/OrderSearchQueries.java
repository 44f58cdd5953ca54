package dev.storefront.orders.api;

import java.util.List;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.persistence.OrderPosition;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.Page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * The admins' view of every order ({@code Query.orders}), newest first, a page at a time.
 * (A class of its own: Helidon refuses a root field named like the {@code User.orders} field of
 * {@link OrderQueries}.) Anyone else is refused before anything is read.
 */
@GraphQLApi
@ApplicationScoped
public class OrderSearchQueries {

    private final OrderRepository orders;
    private final CurrentCaller callers;

    @Inject
    public OrderSearchQueries(OrderRepository orders, CurrentCaller callers) {
        this.orders = orders;
        this.callers = callers;
    }

    @Query("orders")
    @NonNull
    @Description("Admins: every order, newest first, optionally by status and/or user, a page at a time")
    public OrderConnection searchOrders(@Name("first") @Description("Page size, 0-100, default 20") Integer first,
                                        @Name("after") @Description("Cursor of the last edge of the previous page") String after,
                                        @Name("filter") OrderSearchRequest filter)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        Page page = Page.of(first, after);
        OrderPosition position = page.afterKey() == null ? null : OrderQueries.position(after, page.afterKey());
        String userId = filter == null || filter.getUserId() == null ? null : Ids.require("filter.userId", filter.getUserId());
        List<Order> rows = orders.search(filter == null ? null : filter.getStatus(), userId, position, page.limit());
        Page.Result<OrderEdge> result = page.toResult(rows, OrderQueries::cursorKey, OrderEdge::new);
        return new OrderConnection(result.edges(), result.pageInfo());
    }
}
