package dev.storefront.orders.api;

import java.time.DateTimeException;
import java.util.List;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.User;
import dev.storefront.orders.domain.UserOrdersBatch;
import dev.storefront.orders.persistence.OrderPosition;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.InvalidArgumentException;
import dev.storefront.subgraph.types.Page;

import graphql.schema.DataFetchingEnvironment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * Reading orders, by id and as {@code User.orders}: a customer reads their own orders, an admin
 * anyone's. Refusals are GraphQL errors at the field with no data.
 */
@GraphQLApi
@ApplicationScoped
public class OrderQueries {

    private final OrderRepository orders;
    private final CurrentCaller callers;

    @Inject
    public OrderQueries(OrderRepository orders, CurrentCaller callers) {
        this.orders = orders;
        this.callers = callers;
    }

    @Query("order")
    @Description("An order by id: the owner's or, for admins, anyone's (admins get null when there is none)")
    public Order order(@Name("id") @Id @NonNull String id) throws NotAuthenticatedException, AccessDeniedException {
        Caller caller = callers.require();
        Order order = orders.findById(Ids.require("id", id)).orElse(null);
        if (!caller.hasRole(Caller.ADMIN)) {
            // a missing order is refused like another account's, so a customer cannot probe ids
            callers.requireSelfOrRole(order == null ? null : order.userId(), Caller.ADMIN);
        }
        return order;
    }

    /**
     * {@code User.orders}. MP GraphQL calls this once per user; for users resolved in one
     * {@code _entities} batch, the first page (no {@code after}) of all of them comes from one
     * statement shared through the batch, with the orders' lines when the query shows them (the
     * selection set tells). A page after a cursor is one statement for that user.
     */
    @NonNull
    @Description("The user's orders in the order they were placed, a page at a time (the user themself or an admin)")
    public OrderConnection orders(@Source User user,
                                  @Name("first") @Description("Page size, 0-100, default 20") Integer first,
                                  @Name("after") @Description("Cursor of the last edge of the previous page") String after,
                                  DataFetchingEnvironment env)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireSelfOrRole(user.getId(), Caller.ADMIN);
        Page page = Page.of(first, after);
        OrderPosition position = page.afterKey() == null ? null : position(after, page.afterKey());
        UserOrdersBatch batch = user.ordersBatch();
        List<Order> rows = position == null && batch != null
                ? batch.firstPage(user.getId(), page.limit(), SelectionPaths.shows(env, "edges", "node", "items"))
                : orders.pageOfUser(user.getId(), position, page.limit());
        Page.Result<OrderEdge> result = page.toResult(rows, OrderQueries::cursorKey, OrderEdge::new);
        return new OrderConnection(result.edges(), result.pageInfo());
    }

    static String cursorKey(Order order) {
        return order.getCreatedAt() + "|" + order.getId();
    }

    static OrderPosition position(String cursor, String key) {
        int separator = key.indexOf('|');
        if (separator > 0 && Ids.isValid(key.substring(separator + 1))) {
            try {
                return new OrderPosition(UtcTimes.stored(key.substring(0, separator)), key.substring(separator + 1));
            } catch (DateTimeException e) {
                // fall through: not a cursor this field made
            }
        }
        throw new InvalidArgumentException("Argument 'after' is not a valid cursor: " + cursor);
    }
}
