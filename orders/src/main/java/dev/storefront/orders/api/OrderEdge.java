package dev.storefront.orders.api;

import dev.storefront.orders.domain.Order;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An order and its cursor. */
@Type("OrderEdge")
public class OrderEdge {

    private final String cursor;
    private final Order node;

    public OrderEdge(String cursor, Order node) {
        this.cursor = cursor;
        this.node = node;
    }

    @NonNull
    public String getCursor() {
        return cursor;
    }

    @NonNull
    public Order getNode() {
        return node;
    }
}
