package dev.storefront.orders.persistence;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderDetails;
import dev.storefront.orders.domain.OrderItem;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.subgraph.database.Placeholders;
import dev.storefront.subgraph.database.SqlErrors;
import dev.storefront.subgraph.database.Transactions;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.types.Money;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Orders table access. Every status change is a conditional update ({@code WHERE status = from})
 * written in one transaction with its history row, so two actors racing on one order (the saga,
 * a cancellation, the recovery job) cannot both move it, and no status lacks its history. The move
 * to PAID of an order placed from a cart also takes the bought quantities out of that cart, in the
 * same transaction: once, whoever confirms the order.
 */
@ApplicationScoped
public class OrderRepository {

    private static final String COLUMNS =
            "id, user_id, status, total_minor, currency, tracking_number, payment_id, failure_code, created_at";
    private static final String RANKED_COLUMNS = Arrays.stream(COLUMNS.split(", "))
            .map(column -> "ranked." + column).collect(Collectors.joining(", "));

    private final DbClient db;

    @Inject
    public OrderRepository(DbClient db) {
        this.db = db;
    }

    public Optional<Order> findById(String id) {
        List<DbRow> rows = db.execute().createNamedQuery("order-by-id", "SELECT " + COLUMNS + " FROM orders WHERE id = ?")
                .addParam(id)
                .execute()
                .toList();
        return toOrders(rows).stream().findFirst();
    }

    /**
     * Orders by id, in one statement however many ids (their items and history, when asked for,
     * in one more each).
     *
     * @param ids ids (duplicates allowed)
     * @return found orders by id
     */
    public Map<String, Order> findByIds(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        List<DbRow> rows = db.execute()
                .createNamedQuery("orders-by-ids", "SELECT " + COLUMNS + " FROM orders WHERE id IN (" + Placeholders.forEach(distinct) + ")")
                .params(List.copyOf(distinct))
                .execute()
                .toList();
        return toOrders(rows).stream().collect(Collectors.toMap(Order::getId, Function.identity()));
    }

    /**
     * The order a user placed with an idempotency key, with the hash of what it ordered.
     *
     * @param userId user
     * @param key    idempotency key
     * @return the order and its request hash
     */
    public Optional<KeyedOrder> findByIdempotencyKey(String userId, String key) {
        List<DbRow> rows = db.execute()
                .createNamedQuery("order-by-idempotency-key",
                        "SELECT " + COLUMNS + ", request_hash FROM orders WHERE user_id = ? AND idempotency_key = ?")
                .params(userId, key)
                .execute()
                .toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KeyedOrder(toOrders(rows).get(0), rows.get(0).column("request_hash").get(String.class)));
    }

    /**
     * An order found by its idempotency key.
     *
     * @param order       the order
     * @param requestHash hash of what it ordered
     */
    public record KeyedOrder(Order order, String requestHash) {
    }

    /**
     * The first orders of each of many users, with one statement: each user's rows are numbered
     * in order (oldest first) by a window function and cut at {@code limit}.
     *
     * @param userIds users
     * @param limit   rows per user
     * @return orders per user id, oldest first (users without orders absent)
     */
    public Map<String, List<Order>> firstPages(List<String> userIds, int limit) {
        return firstPages(userIds, limit, false);
    }

    /**
     * The first orders of each of many users, with one statement: each user's rows are numbered
     * in order (oldest first) by a window function and cut at {@code limit}. With
     * {@code withItems}, the same statement joins the pages' order lines (one row per line), so
     * a query that shows the lines costs no second statement for them.
     *
     * @param userIds   users
     * @param limit     rows per user
     * @param withItems whether to read the orders' lines with them
     * @return orders per user id, oldest first (users without orders absent)
     */
    public Map<String, List<Order>> firstPages(List<String> userIds, int limit, boolean withItems) {
        List<String> distinct = userIds.stream().distinct().toList();
        if (distinct.isEmpty() || limit <= 0) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>(distinct);
        params.add(limit);
        String ranked = "(SELECT " + COLUMNS + ", ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at, id) AS row_in_user"
                + " FROM orders WHERE user_id IN (" + Placeholders.forEach(distinct) + ")) ranked";
        List<Order> orders;
        if (withItems) {
            List<DbRow> rows = db.execute()
                    .createNamedQuery("orders-first-pages-with-items-by-users", "SELECT " + RANKED_COLUMNS
                            + ", i.product_id, i.quantity, i.unit_price_minor, i.currency AS item_currency FROM " + ranked
                            + " LEFT JOIN order_items i ON i.order_id = ranked.id"
                            + " WHERE ranked.row_in_user <= ? ORDER BY ranked.user_id, ranked.row_in_user, i.line_no")
                    .params(params)
                    .execute()
                    .toList();
            // an order's rows are consecutive, one per line (one with no line for an order without any)
            Map<String, DbRow> orderRows = new LinkedHashMap<>();
            Map<String, List<OrderItem>> items = new HashMap<>();
            for (DbRow row : rows) {
                String id = row.column("id").get(String.class);
                orderRows.putIfAbsent(id, row);
                String productId = row.column("product_id").get(String.class);
                if (productId != null) {
                    items.computeIfAbsent(id, k -> new ArrayList<>()).add(new OrderItem(productId,
                            row.column("quantity").get(Integer.class),
                            new Money(row.column("unit_price_minor").get(Integer.class), row.column("item_currency").get(String.class))));
                }
            }
            OrderDetails details = new BatchedOrderDetails(db, orderRows.keySet(), items);
            orders = orderRows.values().stream().map(row -> toOrder(row, details)).toList();
        } else {
            orders = toOrders(db.execute()
                    .createNamedQuery("orders-first-pages-by-users", "SELECT " + COLUMNS + " FROM " + ranked
                            + " WHERE row_in_user <= ? ORDER BY user_id, row_in_user")
                    .params(params)
                    .execute()
                    .toList());
        }
        Map<String, List<Order>> byUser = new LinkedHashMap<>();
        for (Order order : orders) {
            byUser.computeIfAbsent(order.userId(), k -> new ArrayList<>()).add(order);
        }
        return byUser;
    }

    /**
     * A page of one user's orders, oldest first, after a position.
     *
     * @param userId user
     * @param after  position after which to start, or {@code null} for the first
     * @param limit  maximum rows
     * @return orders
     */
    public List<Order> pageOfUser(String userId, OrderPosition after, int limit) {
        if (after == null) {
            return firstPages(List.of(userId), limit).getOrDefault(userId, List.of());
        }
        List<DbRow> rows = db.execute()
                .createNamedQuery("orders-page-of-user", "SELECT " + COLUMNS + " FROM orders WHERE user_id = ?"
                        + " AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?")
                .params(userId, after.createdAt(), after.createdAt(), after.id(), limit)
                .execute()
                .toList();
        return toOrders(rows);
    }

    /**
     * A page of every order (the admins' search), newest first, optionally of one status and/or
     * one account, before a position (keyset: {@code orders_by_created}, {@code orders_by_status}
     * or {@code orders_by_user} serve it).
     *
     * @param status only orders in this status, or {@code null}
     * @param userId only this account's orders, or {@code null}
     * @param before position before which to start (the last of the previous page), or {@code null}
     * @param limit  maximum rows
     * @return orders, newest first
     */
    public List<Order> search(OrderStatus status, String userId, OrderPosition before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (userId != null) {
            sql.append(" AND user_id = ?");
            params.add(userId);
        }
        if (before != null) {
            sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            params.add(before.createdAt());
            params.add(before.createdAt());
            params.add(before.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(limit);
        // one statement name per shape, so the statement metrics tell the searches apart
        String name = "orders-search" + (status != null ? "-by-status" : "") + (userId != null ? "-by-user" : "")
                + (before != null ? "-after" : "");
        return toOrders(db.execute().createNamedQuery(name, sql.toString()).params(params).execute().toList());
    }

    /**
     * Record a new PENDING order with its lines and first history row, in one transaction.
     *
     * @param order the order
     * @return {@code false} when the user already has an order with this idempotency key (nothing written)
     */
    public boolean insertPending(NewOrder order) {
        try {
            Transactions.inTransaction(db, tx -> {
                tx.createNamedInsert("order-insert", "INSERT INTO orders (id, user_id, status, total_minor, currency,"
                                + " idempotency_key, request_hash, recovery_due_at, created_at, updated_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(order.id(), order.userId(), OrderStatus.PENDING.name(), order.totalMinor(), order.currency(),
                                order.idempotencyKey(), order.requestHash(), order.recoveryDueAt(), order.createdAt(),
                                order.createdAt())
                        .execute();
                // every line in one statement (one round trip however many lines)
                List<Object> lines = new ArrayList<>(6 * order.items().size());
                int lineNo = 1;
                for (OrderItem item : order.items()) {
                    lines.addAll(List.of(order.id(), lineNo++, item.productId(), item.quantity(),
                            item.getUnitPrice().getAmountMinor(), item.getUnitPrice().getCurrency()));
                }
                tx.createNamedInsert("order-items-insert", "INSERT INTO order_items (order_id, line_no, product_id,"
                                + " quantity, unit_price_minor, currency) VALUES "
                                + String.join(", ", Collections.nCopies(order.items().size(), "(?, ?, ?, ?, ?, ?)")))
                        .params(lines)
                        .execute();
                insertHistory(tx, order.id(), OrderStatus.PENDING, "Order placed", order.createdAt());
                if (order.shippingAddress() != null) {
                    OrderShippingAddresses.insert(tx, order.id(), order.shippingAddress());
                }
                if (order.cartId() != null) {
                    CartCheckouts.record(tx, order.id(), order.cartId());
                }
                return null;
            });
            return true;
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Move an order if it is still in {@code change.from()}.
     *
     * @param change the move
     * @return whether this call moved it (false: the order is not, or no longer, in {@code from})
     */
    public boolean apply(StatusChange change) {
        return apply(change, true);
    }

    /**
     * Move an order if it is still in {@code change.from()}.
     *
     * @param change        the move
     * @param mayBeFromCart {@code false} when the caller knows the order was not placed from a
     *                      cart (it inserted the order itself, without a cart), so a move to PAID
     *                      need not look for the cart's lines to take out
     * @return whether this call moved it (false: the order is not, or no longer, in {@code from})
     */
    public boolean apply(StatusChange change, boolean mayBeFromCart) {
        return Transactions.inTransaction(db, tx -> {
            long updated = tx.createNamedUpdate("order-status-update", "UPDATE orders SET status = ?,"
                            + " payment_id = COALESCE(?, payment_id), tracking_number = COALESCE(?, tracking_number),"
                            + " failure_code = COALESCE(?, failure_code), recovery_due_at = ?, updated_at = ?"
                            + " WHERE id = ? AND status = ?")
                    .params(change.to().name(), change.paymentId(), change.trackingNumber(), change.failureCode(),
                            change.recoveryDueAt(), change.at(), change.orderId(), change.from().name())
                    .execute();
            if (updated != 1) {
                return false;
            }
            insertHistory(tx, change.orderId(), change.to(), change.reason(), change.at());
            if (change.to() == OrderStatus.PAID && mayBeFromCart) {
                // a checked-out cart gives up what was bought exactly when, and only if, it is paid for
                CartCheckouts.takeOrderedLinesOut(tx, change.orderId(), change.at());
            }
            return true;
        });
    }

    /**
     * The order a checkout has just moved from PENDING to PAID ({@link #apply} answered
     * {@code true}), as its own writes left it, without reading it back: a move needs the status
     * it leaves, so nothing else changed what an {@link Order} shows in between (the tracking
     * number comes with shipping, a failure code with a final failed status; its lines and history
     * are read when asked for).
     *
     * @param pending   the order as {@link #insertPending} recorded it
     * @param paymentId the authorization the move recorded
     * @return the order, PAID
     */
    public Order paid(NewOrder pending, String paymentId) {
        return new Order(pending.id(), pending.userId(), OrderStatus.PAID, new Money(pending.totalMinor(), pending.currency()),
                null, paymentId, null, UtcTimes.instant(pending.createdAt()).toString(),
                new BatchedOrderDetails(db, List.of(pending.id())));
    }

    /**
     * Set or clear when the recovery job looks at an order again, without changing its status.
     *
     * @param orderId order
     * @param dueAt   when, or {@code null} when nothing is left to check
     */
    public void scheduleRecovery(String orderId, LocalDateTime dueAt) {
        db.execute().createNamedUpdate("order-recovery-schedule",
                        "UPDATE orders SET recovery_due_at = ?, updated_at = ? WHERE id = ?")
                .params(dueAt, UtcTimes.now(), orderId)
                .execute();
    }

    /**
     * Orders whose recovery time has come, oldest deadline first.
     *
     * @param now   current time
     * @param limit maximum orders
     * @return the orders
     */
    public List<Order> dueForRecovery(LocalDateTime now, int limit) {
        List<DbRow> rows = db.execute()
                .createNamedQuery("orders-due-for-recovery", "SELECT " + COLUMNS + " FROM orders"
                        + " WHERE recovery_due_at IS NOT NULL AND recovery_due_at <= ? ORDER BY recovery_due_at LIMIT ?")
                .params(now, limit)
                .execute()
                .toList();
        return toOrders(rows);
    }

    private static void insertHistory(DbExecute tx, String orderId, OrderStatus status, String reason, LocalDateTime at) {
        tx.createNamedInsert("order-history-insert",
                        "INSERT INTO order_status_changes (order_id, status, reason, changed_at) VALUES (?, ?, ?, ?)")
                .params(orderId, status.name(), truncate(reason, 500), at)
                .execute();
    }

    private List<Order> toOrders(List<DbRow> rows) {
        OrderDetails details = new BatchedOrderDetails(db, rows.stream().map(r -> r.column("id").get(String.class)).toList());
        return rows.stream().map(row -> toOrder(row, details)).toList();
    }

    private static Order toOrder(DbRow row, OrderDetails details) {
        return new Order(
                row.column("id").get(String.class),
                row.column("user_id").get(String.class),
                OrderStatus.valueOf(row.column("status").get(String.class)),
                new Money(row.column("total_minor").get(Integer.class), row.column("currency").get(String.class)),
                row.column("tracking_number").get(String.class),
                row.column("payment_id").get(String.class),
                row.column("failure_code").get(String.class),
                UtcTimes.iso(row, "created_at"),
                details);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
