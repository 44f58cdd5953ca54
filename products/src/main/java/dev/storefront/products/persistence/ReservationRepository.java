package dev.storefront.products.persistence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.storefront.products.domain.Reservation;
import dev.storefront.products.domain.ReservationItem;
import dev.storefront.products.domain.ReservationStatus;
import dev.storefront.products.domain.ReleaseResult;
import dev.storefront.products.domain.ReserveResult;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stock reservations for orders. Every reservation and release is one transaction: the order's
 * reservation row (its primary key makes a second reservation for the same order impossible) and
 * one atomic conditional stock update per product ({@code stock >= ?}, so stock never goes
 * negative however many requests race). Products are locked in id order so two multi-item
 * reservations cannot deadlock each other; a deadlock the server still reports is retried.
 */
@ApplicationScoped
public class ReservationRepository {

    private static final int ATTEMPTS = 3;

    private final DbClient db;

    @Inject
    public ReservationRepository(DbClient db) {
        this.db = db;
    }

    /**
     * Hold stock for an order: all items or none. Idempotent per order id: repeating the same
     * request answers the same reservation without reserving again.
     *
     * @param orderId order id
     * @param items   items with distinct product ids and positive quantities
     * @return the outcome
     */
    public ReserveResult reserve(String orderId, List<ReservationItem> items) {
        List<ReservationItem> sorted = items.stream().sorted(Comparator.comparing(ReservationItem::productId)).toList();
        return withDeadlockRetry(() -> reserveOnce(orderId, sorted));
    }

    /**
     * Give an order's stock back, exactly once however often it is called. Releasing an order that
     * never reserved records that, so a reservation request arriving late for it is refused.
     *
     * @param orderId order id
     * @return the outcome
     */
    public ReleaseResult release(String orderId) {
        return withDeadlockRetry(() -> releaseOnce(orderId));
    }

    /**
     * An order's reservation.
     *
     * @param orderId order id
     * @return the reservation with its items, if the order ever reserved
     */
    public Optional<Reservation> find(String orderId) {
        return findIn(db.execute(), orderId).filter(found -> found.reserved).map(found -> found.reservation);
    }

    private ReserveResult reserveOnce(String orderId, List<ReservationItem> items) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        DbTransaction tx = db.transaction();
        try {
            try {
                // blocks while a concurrent request for the same order is uncommitted, then collides
                tx.createNamedInsert("reservation-insert",
                                "INSERT INTO reservations (order_id, status, reserved_at) VALUES (?, ?, ?)")
                        .params(orderId, ReservationStatus.RESERVED.name(), now)
                        .execute();
            } catch (DbClientException e) {
                if (!SqlErrors.isDuplicateKey(e)) {
                    throw e;
                }
                tx.rollback();
                return answerExisting(orderId, items);
            }
            for (ReservationItem item : items) {
                long updated = tx.createNamedUpdate("reserve-stock",
                                "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?")
                        .params(item.quantity(), item.productId(), item.quantity())
                        .execute();
                if (updated == 0) {
                    Optional<Integer> stock = tx.createNamedGet("product-stock", "SELECT stock FROM products WHERE id = ?")
                            .addParam(item.productId())
                            .execute()
                            .map(row -> row.column("stock").get(Integer.class));
                    tx.rollback();
                    return stock.<ReserveResult>map(available -> new ReserveResult.OutOfStock(item.productId(), item.quantity(), available))
                            .orElseGet(() -> new ReserveResult.UnknownProduct(item.productId()));
                }
                tx.createNamedInsert("reservation-item-insert",
                                "INSERT INTO reservation_items (order_id, product_id, quantity) VALUES (?, ?, ?)")
                        .params(orderId, item.productId(), item.quantity())
                        .execute();
            }
            tx.commit();
            return new ReserveResult.Reserved(new Reservation(orderId, ReservationStatus.RESERVED, items));
        } catch (RuntimeException e) {
            rollbackQuietly(tx, e);
            throw e;
        }
    }

    private ReserveResult answerExisting(String orderId, List<ReservationItem> items) {
        StoredReservation existing = findIn(db.execute(), orderId)
                .orElseThrow(() -> new IllegalStateException("Reservation of order " + orderId + " collided but is missing"));
        if (existing.reservation.status() == ReservationStatus.RELEASED) {
            return new ReserveResult.AlreadyReleased(orderId);
        }
        // items have distinct product ids, so comparing as sets ignores only their order
        return Set.copyOf(existing.reservation.items()).equals(Set.copyOf(items))
                ? new ReserveResult.Reserved(existing.reservation)
                : new ReserveResult.DifferentItems(existing.reservation);
    }

    private ReleaseResult releaseOnce(String orderId) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        DbTransaction tx = db.transaction();
        try {
            // the status condition makes exactly one release win, however many race
            long released = tx.createNamedUpdate("reservation-release",
                            "UPDATE reservations SET status = ?, released_at = ? WHERE order_id = ? AND status = ?")
                    .params(ReservationStatus.RELEASED.name(), now, orderId, ReservationStatus.RESERVED.name())
                    .execute();
            if (released == 1) {
                List<ReservationItem> items = tx.createNamedQuery("reservation-items",
                                "SELECT product_id, quantity FROM reservation_items WHERE order_id = ? ORDER BY product_id")
                        .addParam(orderId)
                        .execute()
                        .map(row -> new ReservationItem(row.column("product_id").get(String.class),
                                row.column("quantity").get(Integer.class)))
                        .toList();
                for (ReservationItem item : items) {
                    tx.createNamedUpdate("restock", "UPDATE products SET stock = stock + ? WHERE id = ?")
                            .params(item.quantity(), item.productId())
                            .execute();
                }
                tx.commit();
                return new ReleaseResult.Released(orderId, true);
            }
            Optional<StoredReservation> existing = findIn(tx, orderId);
            if (existing.isPresent()) {
                tx.rollback();
                return existing.get().reserved
                        ? new ReleaseResult.Released(orderId, false)
                        : new ReleaseResult.NeverReserved(orderId);
            }
            try {
                // a marker: the order is settled without stock, so a late reservation request is refused
                tx.createNamedInsert("reservation-release-unreserved",
                                "INSERT INTO reservations (order_id, status, released_at) VALUES (?, ?, ?)")
                        .params(orderId, ReservationStatus.RELEASED.name(), now)
                        .execute();
            } catch (DbClientException e) {
                if (SqlErrors.isDuplicateKey(e)) {
                    // a reservation for the order committed meanwhile: release it instead
                    tx.rollback();
                    return releaseOnce(orderId);
                }
                throw e;
            }
            tx.commit();
            return new ReleaseResult.NeverReserved(orderId);
        } catch (RuntimeException e) {
            rollbackQuietly(tx, e);
            throw e;
        }
    }

    private static Optional<StoredReservation> findIn(DbExecute execute, String orderId) {
        List<DbRow> rows = execute.createNamedQuery("reservation-by-order",
                        "SELECT r.status, r.reserved_at, i.product_id, i.quantity FROM reservations r"
                                + " LEFT JOIN reservation_items i ON i.order_id = r.order_id"
                                + " WHERE r.order_id = ? ORDER BY i.product_id")
                .addParam(orderId)
                .execute()
                .toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        ReservationStatus status = ReservationStatus.valueOf(rows.get(0).column("status").get(String.class));
        boolean reserved = rows.get(0).column("reserved_at").get(LocalDateTime.class) != null;
        List<ReservationItem> items = rows.stream()
                .filter(row -> row.column("product_id").get(String.class) != null)
                .map(row -> new ReservationItem(row.column("product_id").get(String.class),
                        row.column("quantity").get(Integer.class)))
                .toList();
        return Optional.of(new StoredReservation(new Reservation(orderId, status, items), reserved));
    }

    private static <T> T withDeadlockRetry(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (DbClientException e) {
                if (attempt >= ATTEMPTS || !SqlErrors.isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    private static void rollbackQuietly(DbTransaction tx, RuntimeException cause) {
        try {
            tx.rollback();
        } catch (RuntimeException alreadyFinished) {
            // committed or rolled back already; the original failure is what matters
            cause.addSuppressed(alreadyFinished);
        }
    }

    /** A reservation row as stored; {@code reserved} is false for an order released before it reserved. */
    private record StoredReservation(Reservation reservation, boolean reserved) {
    }
}
