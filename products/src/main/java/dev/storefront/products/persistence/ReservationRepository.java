package dev.storefront.products.persistence;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.storefront.products.domain.ReleaseResult;
import dev.storefront.products.domain.Reservation;
import dev.storefront.products.domain.ReservationItem;
import dev.storefront.products.domain.ReservationStatus;
import dev.storefront.products.domain.ReserveResult;
import dev.storefront.subgraph.database.SqlErrors;
import dev.storefront.subgraph.database.Transactions;
import dev.storefront.subgraph.database.UtcTimes;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Stock reservations for orders.
 * <p>
 * The first request for an order (the checkout's usual case) does everything in one transaction,
 * one commit: it inserts the order's row as RESERVED, takes the stock and records the items; when
 * an item is short it gives back what it took from the items before it and leaves the row PENDING,
 * holding nothing (exactly what the general path's claim leaves after such an attempt: reserving
 * again may succeed, a release answers NEVER_RESERVED, a lookup finds nothing). It never rolls its
 * insert back but on an error, so requests for the same order that wait on the row's key are not
 * turned into deadlocks. The row's primary key makes every other request for the same order wait
 * for that transaction; one that then finds the row there (duplicate key) takes the general path:
 * <p>
 * the order's row is claimed on its own (an insert committed at once, PENDING); then one
 * transaction locks that row ({@code SELECT ... FOR UPDATE}) and decides from its status.
 * Requests for the same order therefore queue on one existing row instead of racing to insert it
 * (InnoDB turns concurrent inserts of one key, after the first rolls back, into deadlocks).
 * Stock moves only by atomic conditional updates ({@code stock >= ?}), products locked in id order
 * so multi-item reservations cannot deadlock each other; a deadlock the server still reports is
 * retried. Either way the order's row is locked before any product row, and a product row before
 * the items that refer to it are inserted (their foreign key check would otherwise take a shared
 * lock that concurrent reservations then both try to upgrade).
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
        Optional<ReserveResult> first = reserveFirst(orderId, sorted);
        if (first.isPresent()) {
            return first.get();
        }
        withDeadlockRetry(() -> claim(orderId));
        return withDeadlockRetry(() -> reserveOnce(orderId, sorted));
    }

    /**
     * The first request for an order, in one transaction: the row inserted as RESERVED, the stock
     * taken, the items recorded. When an item is short, the stock already taken from the items
     * before it goes back and the row stays, PENDING (holding nothing), in the same commit: the
     * state the claim of the general path leaves after an attempt that was out of stock, and no
     * rolled-back insert for concurrent requests of the same order to deadlock over.
     *
     * @return the outcome, or empty when the order's row exists (or, should the server still pick
     *         this transaction as a deadlock victim, it was rolled back): decide under the row's lock then
     */
    private Optional<ReserveResult> reserveFirst(String orderId, List<ReservationItem> items) {
        try {
            return Optional.of(Transactions.inTransaction(db, tx -> {
                tx.createNamedInsert("reservation-insert-reserved",
                                "INSERT INTO reservations (order_id, status, reserved_at) VALUES (?, ?, ?)")
                        .params(orderId, ReservationStatus.RESERVED.name(), UtcTimes.now())
                        .execute();
                ReserveResult result = takeStock(tx, orderId, items, false);
                String shortItem = switch (result) {
                    case ReserveResult.OutOfStock out -> out.productId();
                    case ReserveResult.UnknownProduct unknown -> unknown.productId();
                    default -> null;
                };
                if (shortItem != null) {
                    // items are taken in order up to the short one; these rows are locked by this transaction already
                    for (ReservationItem item : items) {
                        if (item.productId().equals(shortItem)) {
                            break;
                        }
                        tx.createNamedUpdate("restock", "UPDATE products SET stock = stock + ? WHERE id = ?")
                                .params(item.quantity(), item.productId())
                                .execute();
                    }
                    tx.createNamedUpdate("reservation-unreserved",
                                    "UPDATE reservations SET status = ?, reserved_at = NULL WHERE order_id = ?")
                            .params(ReservationStatus.PENDING.name(), orderId)
                            .execute();
                }
                return result;
            }));
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e) || SqlErrors.isDeadlock(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Give an order's stock back, exactly once however often it is called. Releasing an order that
     * never reserved settles it too, so a reservation request arriving late for it is refused.
     *
     * @param orderId order id
     * @return the outcome
     */
    public ReleaseResult release(String orderId) {
        withDeadlockRetry(() -> claim(orderId));
        return withDeadlockRetry(() -> releaseOnce(orderId));
    }

    /**
     * An order's reservation, if it ever held stock.
     *
     * @param orderId order id
     * @return the reservation with its items
     */
    public Optional<Reservation> find(String orderId) {
        DbExecute execute = db.execute();
        return readRow(execute, orderId, false)
                .filter(row -> row.everReserved)
                .map(row -> new Reservation(orderId, row.status, items(execute, orderId)));
    }

    /** Make sure the order's row exists (PENDING if new), committed before anything locks it. */
    private boolean claim(String orderId) {
        try {
            db.execute().createNamedInsert("reservation-claim", "INSERT INTO reservations (order_id, status) VALUES (?, ?)")
                    .params(orderId, ReservationStatus.PENDING.name())
                    .execute();
        } catch (DbClientException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            // claimed before: by an earlier or concurrent request for the same order
        }
        return true;
    }

    /**
     * One attempt in one transaction. Only a reservation is committed: an item found short after
     * the stock of the ones before it was taken rolls all of it back (a reservation found made
     * before wrote nothing, so committing it changes nothing).
     */
    private ReserveResult reserveOnce(String orderId, List<ReservationItem> items) {
        return Transactions.inTransaction(db, tx -> {
            StoredRow row = readRow(tx, orderId, true)
                    .orElseThrow(() -> new IllegalStateException("Reservation row of order " + orderId + " vanished"));
            return switch (row.status) {
                case RELEASED -> new ReserveResult.AlreadyReleased(orderId);
                case RESERVED -> {
                    Reservation existing = new Reservation(orderId, ReservationStatus.RESERVED, items(tx, orderId));
                    // items have distinct product ids, so comparing as sets ignores only their order
                    yield Set.copyOf(existing.items()).equals(Set.copyOf(items))
                            ? new ReserveResult.Reserved(existing)
                            : new ReserveResult.DifferentItems(existing);
                }
                case PENDING -> takeStock(tx, orderId, items, true);
            };
        }, ReserveResult.Reserved.class::isInstance);
    }

    /**
     * Within the order's locked transaction: every item's stock (product id order), then the items
     * in one statement, or report the first item that is short.
     *
     * @param markReserved whether the order's row (PENDING) is to be set RESERVED; the first
     *                     request inserted it so
     */
    private static ReserveResult takeStock(DbTransaction tx, String orderId, List<ReservationItem> items,
                                           boolean markReserved) {
        for (ReservationItem item : items) {
            long updated = tx.createNamedUpdate("reserve-stock", "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?")
                    .params(item.quantity(), item.productId(), item.quantity())
                    .execute();
            if (updated == 0) {
                return tx.createNamedGet("product-stock", "SELECT stock FROM products WHERE id = ?")
                        .addParam(item.productId())
                        .execute()
                        .<ReserveResult>map(stock -> new ReserveResult.OutOfStock(item.productId(), item.quantity(),
                                stock.column("stock").get(Integer.class)))
                        .orElseGet(() -> new ReserveResult.UnknownProduct(item.productId()));
            }
        }
        List<Object> params = new ArrayList<>(3 * items.size());
        for (ReservationItem item : items) {
            params.add(orderId);
            params.add(item.productId());
            params.add(item.quantity());
        }
        tx.createNamedInsert("reservation-items-insert", "INSERT INTO reservation_items (order_id, product_id, quantity) VALUES "
                        + String.join(", ", Collections.nCopies(items.size(), "(?, ?, ?)")))
                .params(params)
                .execute();
        if (markReserved) {
            tx.createNamedUpdate("reservation-reserved", "UPDATE reservations SET status = ?, reserved_at = ? WHERE order_id = ?")
                    .params(ReservationStatus.RESERVED.name(), UtcTimes.now(), orderId)
                    .execute();
        }
        return new ReserveResult.Reserved(new Reservation(orderId, ReservationStatus.RESERVED, items));
    }

    private ReleaseResult releaseOnce(String orderId) {
        return Transactions.inTransaction(db, tx -> {
            StoredRow row = readRow(tx, orderId, true)
                    .orElseThrow(() -> new IllegalStateException("Reservation row of order " + orderId + " vanished"));
            if (row.status == ReservationStatus.RELEASED) {
                // nothing written: released before
                return row.everReserved ? new ReleaseResult.Released(orderId, false) : new ReleaseResult.NeverReserved(orderId);
            }
            if (row.status == ReservationStatus.RESERVED) {
                // product id order, as when reserving, so releases and reservations lock alike
                for (ReservationItem item : items(tx, orderId)) {
                    tx.createNamedUpdate("restock", "UPDATE products SET stock = stock + ? WHERE id = ?")
                            .params(item.quantity(), item.productId())
                            .execute();
                }
            }
            tx.createNamedUpdate("reservation-release", "UPDATE reservations SET status = ?, released_at = ? WHERE order_id = ?")
                    .params(ReservationStatus.RELEASED.name(), UtcTimes.now(), orderId)
                    .execute();
            return row.everReserved ? new ReleaseResult.Released(orderId, true) : new ReleaseResult.NeverReserved(orderId);
        });
    }

    private static Optional<StoredRow> readRow(DbExecute execute, String orderId, boolean lock) {
        String sql = "SELECT status, reserved_at FROM reservations WHERE order_id = ?" + (lock ? " FOR UPDATE" : "");
        return execute.createNamedGet(lock ? "reservation-lock" : "reservation-by-order", sql)
                .addParam(orderId)
                .execute()
                .map(row -> new StoredRow(ReservationStatus.valueOf(row.column("status").get(String.class)),
                        row.column("reserved_at").get(LocalDateTime.class) != null));
    }

    private static List<ReservationItem> items(DbExecute execute, String orderId) {
        return execute.createNamedQuery("reservation-items",
                        "SELECT product_id, quantity FROM reservation_items WHERE order_id = ?")
                .addParam(orderId)
                .execute()
                .map(ReservationRepository::toItem)
                .sorted(Comparator.comparing(ReservationItem::productId))
                .toList();
    }

    private static ReservationItem toItem(DbRow row) {
        return new ReservationItem(row.column("product_id").get(String.class), row.column("quantity").get(Integer.class));
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

    /**
     * The order's row as stored.
     *
     * @param status       its status
     * @param everReserved whether the order ever held stock (false for one settled before reserving)
     */
    private record StoredRow(ReservationStatus status, boolean everReserved) {
    }
}
