package dev.storefront.orders.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.storefront.orders.domain.OrderDetails;
import dev.storefront.orders.domain.OrderItem;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.domain.OrderStatusChange;
import dev.storefront.orders.domain.ShippingAddress;
import dev.storefront.subgraph.database.Placeholders;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.types.Money;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

/**
 * Items, history and shipping addresses of a set of orders read together: on the first request for
 * any order's items, the items of all of them are read with one statement (likewise the history and
 * the addresses), never per order; or the items came with the orders' own statement.
 */
final class BatchedOrderDetails implements OrderDetails {

    private final DbClient db;
    private final List<String> orderIds;
    private Map<String, List<OrderItem>> items;
    private Map<String, List<OrderStatusChange>> history;
    private Map<String, List<ShippingAddress>> shippingAddresses;

    BatchedOrderDetails(DbClient db, Collection<String> orderIds) {
        this.db = db;
        this.orderIds = orderIds.stream().distinct().toList();
    }

    /**
     * @param items the orders' lines, already read with the orders (an order without any: absent)
     */
    BatchedOrderDetails(DbClient db, Collection<String> orderIds, Map<String, List<OrderItem>> items) {
        this(db, orderIds);
        this.items = items;
    }

    @Override
    public synchronized List<OrderItem> itemsOf(String orderId) {
        if (!orderIds.contains(orderId)) {
            return List.of();
        }
        if (items == null) {
            items = group(db.execute()
                    .createNamedQuery("order-items-by-orders", "SELECT order_id, product_id, quantity, unit_price_minor, currency"
                            + " FROM order_items WHERE order_id IN (" + Placeholders.forEach(orderIds) + ") ORDER BY order_id, line_no")
                    .params(List.copyOf(orderIds))
                    .execute()
                    .toList(), row -> new OrderItem(row.column("product_id").get(String.class),
                    row.column("quantity").get(Integer.class),
                    new Money(row.column("unit_price_minor").get(Integer.class), row.column("currency").get(String.class))));
        }
        return items.getOrDefault(orderId, List.of());
    }

    @Override
    public synchronized List<OrderStatusChange> historyOf(String orderId) {
        if (!orderIds.contains(orderId)) {
            return List.of();
        }
        if (history == null) {
            history = group(db.execute()
                    .createNamedQuery("order-history-by-orders", "SELECT order_id, status, reason, changed_at"
                            + " FROM order_status_changes WHERE order_id IN (" + Placeholders.forEach(orderIds) + ") ORDER BY order_id, id")
                    .params(List.copyOf(orderIds))
                    .execute()
                    .toList(), row -> new OrderStatusChange(OrderStatus.valueOf(row.column("status").get(String.class)),
                    UtcTimes.iso(row, "changed_at"),
                    row.column("reason").get(String.class)));
        }
        return history.getOrDefault(orderId, List.of());
    }

    @Override
    public synchronized ShippingAddress shippingAddressOf(String orderId) {
        if (!orderIds.contains(orderId)) {
            return null;
        }
        if (shippingAddresses == null) {
            shippingAddresses = group(db.execute()
                    .createNamedQuery("order-shipping-addresses-by-orders", "SELECT order_id, recipient, line1, line2, city,"
                            + " postal_code, country, phone FROM order_shipping_addresses WHERE order_id IN (" + Placeholders.forEach(orderIds) + ")")
                    .params(List.copyOf(orderIds))
                    .execute()
                    .toList(), OrderShippingAddresses::fromRow);
        }
        List<ShippingAddress> found = shippingAddresses.get(orderId);
        return found == null ? null : found.get(0);
    }

    private static <T> Map<String, List<T>> group(List<DbRow> rows, java.util.function.Function<DbRow, T> mapper) {
        Map<String, List<T>> grouped = new HashMap<>();
        for (DbRow row : rows) {
            grouped.computeIfAbsent(row.column("order_id").get(String.class), k -> new ArrayList<>()).add(mapper.apply(row));
        }
        return grouped;
    }
}
