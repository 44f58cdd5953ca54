package dev.storefront.orders.persistence;

import java.time.LocalDateTime;

import io.helidon.dbclient.DbClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Counters of new anonymous carts per hashed client address and window. A cart is counted by one
 * conditional {@code UPDATE} that refuses once the window's carts are all taken, so concurrent
 * requests never share a count: a burst from one address starts at most the limit. Plain SQL that
 * MySQL 8.4 and MariaDB both run.
 */
@ApplicationScoped
public class NewCartThrottleRepository {

    private final DbClient db;

    @Inject
    public NewCartThrottleRepository(DbClient db) {
        this.db = db;
    }

    /**
     * Count one new cart for the address unless its window's carts are all taken; a window that
     * started before {@code windowStart} is over, and this cart starts the next one.
     *
     * @param addressHash hashed client address
     * @param now         the time of the request
     * @param windowStart windows that started before this are over
     * @param maxCarts    carts allowed per window
     * @return whether the cart may be started
     */
    public boolean take(String addressHash, LocalDateTime now, LocalDateTime windowStart, int maxCarts) {
        db.execute().createNamedInsert("new-cart-throttle-ensure",
                        "INSERT INTO new_cart_throttle (address_hash, window_started_at, carts_started) VALUES (?, ?, 0)"
                                + " ON DUPLICATE KEY UPDATE address_hash = address_hash")
                .params(addressHash, now)
                .execute();
        // CASE rather than IF(): portable; both CASEs read the old window_started_at because it is
        // assigned last (MySQL and MariaDB assign left to right). A clean-up deleting the row
        // between the two statements lets this one cart through uncounted.
        return db.execute().createNamedUpdate("new-cart-throttle-take",
                        "UPDATE new_cart_throttle SET"
                                + " carts_started = CASE WHEN window_started_at < ? THEN 1 ELSE carts_started + 1 END,"
                                + " window_started_at = CASE WHEN window_started_at < ? THEN ? ELSE window_started_at END"
                                + " WHERE address_hash = ? AND (window_started_at < ? OR carts_started < ?)")
                .params(windowStart, windowStart, now, addressHash, windowStart, maxCarts)
                .execute() > 0;
    }

    /**
     * @param windowStart windows that started before this are over
     * @return counters deleted (their window over: they decide nothing any more)
     */
    public long deleteEnded(LocalDateTime windowStart) {
        return db.execute().createNamedDelete("new-cart-throttle-delete-ended",
                        "DELETE FROM new_cart_throttle WHERE window_started_at < ?")
                .addParam(windowStart)
                .execute();
    }
}
