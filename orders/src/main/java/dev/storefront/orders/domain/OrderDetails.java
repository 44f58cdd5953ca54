package dev.storefront.orders.domain;

import java.util.List;

/**
 * Items, status history and shipping addresses of orders read together (one {@code _entities} batch, one page):
 * an implementation reads them for all those orders with one statement each, on first use only,
 * so a query that does not ask for items costs no statement for them.
 */
public interface OrderDetails {

    /** @return the lines of an order, in line order */
    List<OrderItem> itemsOf(String orderId);

    /** @return the status changes of an order, oldest first */
    List<OrderStatusChange> historyOf(String orderId);

    /** @return the address copied onto the order when it was placed, or {@code null} when it was placed without one */
    ShippingAddress shippingAddressOf(String orderId);
}
