package dev.storefront.orders.persistence;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.storefront.orders.domain.Cart;
import dev.storefront.orders.domain.CartContents;
import dev.storefront.orders.domain.CartLine;
import dev.storefront.subgraph.database.Placeholders;
import dev.storefront.subgraph.database.SqlErrors;
import dev.storefront.subgraph.database.Transactions;
import dev.storefront.subgraph.database.UtcTimes;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Carts and their lines. Every change runs in a transaction that first locks the cart's row
 * ({@code SELECT ... FOR UPDATE}) and then reads its lines, so changes to one cart from several
 * devices (or a checkout's PAID taking lines out) run one after the other, each on the lines the
 * previous one left: no update is lost, and the rules (1-99 per line, at most 50 lines) hold on
 * what is really stored. Plain SQL that MySQL 8.4 and MariaDB both run.
 */
@ApplicationScoped
public class CartRepository {

    private static final String ID_PREFIX = "cart-";

    private final DbClient db;

    @Inject
    public CartRepository(DbClient db) {
        this.db = db;
    }

    /**
     * The account's cart, created (empty) on first use; two first uses at once get the same cart.
     *
     * @param userId the account
     * @return the cart's id
     */
    public String userCartId(String userId) {
        Optional<String> existing = idWhere("cart-id-by-user", "user_id", userId);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return insert(userId, null);
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                // created concurrently by another request of the same account
                return idWhere("cart-id-by-user", "user_id", userId).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** @return the id of the account's cart, if it has one */
    public Optional<String> findUserCartId(String userId) {
        return idWhere("cart-id-by-user", "user_id", userId);
    }

    /** @return the id of the anonymous cart with this token hash, if any */
    public Optional<String> findIdByTokenHash(String tokenHash) {
        return idWhere("cart-id-by-token", "token_hash", tokenHash);
    }

    /**
     * @param tokenHash SHA-256 of the new cart's token
     * @return the new anonymous cart's id
     */
    public String createAnonymous(String tokenHash) {
        return insert(null, tokenHash);
    }

    /**
     * Deletes up to {@code batch} anonymous carts (with their lines) not changed since {@code cutoff};
     * a cart changed meanwhile is kept (the condition is checked again by the delete itself).
     *
     * @return how many carts were deleted
     */
    public int deleteAnonymousIdleSince(LocalDateTime cutoff, int batch) {
        List<String> idle = db.execute().createNamedQuery("carts-anonymous-idle",
                        "SELECT id FROM carts WHERE user_id IS NULL AND updated_at < ? ORDER BY updated_at LIMIT ?")
                .addParam(cutoff).addParam(batch)
                .execute()
                .map(row -> row.column("id").get(String.class))
                .toList();
        if (idle.isEmpty()) {
            return 0;
        }
        // cart_lines go with their cart (ON DELETE CASCADE)
        var delete = db.execute().createNamedDelete("carts-delete-anonymous-idle",
                "DELETE FROM carts WHERE id IN (" + Placeholders.forEach(idle) + ") AND user_id IS NULL AND updated_at < ?");
        idle.forEach(delete::addParam);
        return (int) delete.addParam(cutoff).execute();
    }

    /** @return the cart with its lines, oldest first */
    public Optional<Cart> findById(String cartId) {
        List<DbRow> carts = db.execute().createNamedQuery("cart-by-id", "SELECT id, updated_at FROM carts WHERE id = ?")
                .addParam(cartId)
                .execute()
                .toList();
        if (carts.isEmpty()) {
            return Optional.empty();
        }
        List<CartLine> lines = db.execute().createNamedQuery("cart-lines-by-cart", "SELECT product_id, quantity, added_at"
                        + " FROM cart_lines WHERE cart_id = ? ORDER BY position")
                .addParam(cartId)
                .execute()
                .map(row -> new CartLine(row.column("product_id").get(String.class), row.column("quantity").get(Integer.class),
                        UtcTimes.iso(row, "added_at")))
                .toList();
        return Optional.of(new Cart(cartId, lines, UtcTimes.iso(carts.get(0), "updated_at")));
    }

    /**
     * Change a cart under its row lock.
     *
     * @param cartId the cart
     * @param rule   reads and changes the lines; what it returns is handed back
     * @param <T>    the rule's result
     * @return the rule's result, or empty when the cart no longer exists (nothing done)
     */
    public <T> Optional<T> change(String cartId, Function<CartContents, T> rule) {
        return Transactions.inTransaction(db, tx -> {
            if (!lock(tx, cartId)) {
                return Optional.empty();
            }
            LockedCart contents = new LockedCart(tx, cartId);
            T result = rule.apply(contents);
            if (contents.changed) {
                touch(tx, cartId);
            }
            return Optional.of(result);
        });
    }

    /**
     * Move one cart's lines into another and delete the first, under both row locks (taken in id
     * order, so two merges never wait on each other crosswise).
     *
     * @param fromCartId the cart emptied and deleted
     * @param intoCartId the cart that receives the lines
     * @param rule       given the lines of the cart to delete and the receiving cart, changes the
     *                   latter and returns {@code null}, or returns why not (then nothing changes)
     * @param <T>        the refusal type
     * @return whether both carts were there, and the rule's refusal if any
     */
    public <T> Merge<T> merge(String fromCartId, String intoCartId, BiFunction<Map<String, Integer>, CartContents, T> rule) {
        try {
            return Transactions.inTransaction(db, tx -> {
                boolean fromFirst = fromCartId.compareTo(intoCartId) < 0;
                if (!lock(tx, fromFirst ? fromCartId : intoCartId) || !lock(tx, fromFirst ? intoCartId : fromCartId)) {
                    return new Merge<T>(false, null);
                }
                Map<String, Integer> moving = new LockedCart(tx, fromCartId).quantities();
                T refusal = rule.apply(moving, new LockedCart(tx, intoCartId));
                if (refusal != null) {
                    throw new Refused(refusal); // rolls back whatever the rule wrote
                }
                tx.createNamedDelete("cart-lines-delete-all", "DELETE FROM cart_lines WHERE cart_id = ?").addParam(fromCartId).execute();
                tx.createNamedDelete("cart-delete", "DELETE FROM carts WHERE id = ?").addParam(fromCartId).execute();
                touch(tx, intoCartId);
                return new Merge<T>(true, null);
            });
        } catch (Refused refused) {
            @SuppressWarnings("unchecked")
            T refusal = (T) refused.refusal;
            return new Merge<>(true, refusal);
        }
    }

    /**
     * What a {@link #merge} did.
     *
     * @param found   whether both carts existed (else nothing was done)
     * @param refusal why the rule refused (nothing was changed), or {@code null} when merged
     * @param <T>     refusal type
     */
    public record Merge<T>(boolean found, T refusal) {
    }

    /** @return whether the order was placed by checking out a cart */
    public boolean isCheckoutOrder(String orderId) {
        return !db.execute().createNamedQuery("cart-checkout-by-order", "SELECT cart_id FROM cart_checkouts WHERE order_id = ?")
                .addParam(orderId)
                .execute()
                .toList()
                .isEmpty();
    }

    private String insert(String userId, String tokenHash) {
        String id = ID_PREFIX + UUID.randomUUID().toString().replace("-", "");
        LocalDateTime now = UtcTimes.now();
        db.execute().createNamedInsert("cart-insert", "INSERT INTO carts (id, user_id, token_hash, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(id, userId, tokenHash, now, now)
                .execute();
        return id;
    }

    private Optional<String> idWhere(String name, String column, String value) {
        return db.execute().createNamedQuery(name, "SELECT id FROM carts WHERE " + column + " = ?")
                .addParam(value)
                .execute()
                .map(row -> row.column("id").get(String.class))
                .findFirst();
    }

    private static boolean lock(DbExecute tx, String cartId) {
        return !tx.createNamedQuery("cart-lock", "SELECT id FROM carts WHERE id = ? FOR UPDATE")
                .addParam(cartId)
                .execute()
                .toList()
                .isEmpty();
    }

    private static void touch(DbExecute tx, String cartId) {
        tx.createNamedUpdate("cart-touch", "UPDATE carts SET updated_at = ? WHERE id = ?")
                .params(UtcTimes.now(), cartId)
                .execute();
    }

    /** A rule's refusal, carried out of the transaction so that it is rolled back. */
    private static final class Refused extends RuntimeException {
        private final transient Object refusal;

        Refused(Object refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }
    }

    /** The lines of a locked cart: read once, then every change written at once (still inside the lock). */
    private static final class LockedCart implements CartContents {

        private final DbExecute tx;
        private final String cartId;
        private final Map<String, Integer> quantities = new LinkedHashMap<>();
        private int lastPosition;
        private boolean changed;

        LockedCart(DbExecute tx, String cartId) {
            this.tx = tx;
            this.cartId = cartId;
            tx.createNamedQuery("cart-lines-by-cart-locked", "SELECT product_id, quantity, position FROM cart_lines"
                            + " WHERE cart_id = ? ORDER BY position")
                    .addParam(cartId)
                    .execute()
                    .forEach(row -> {
                        quantities.put(row.column("product_id").get(String.class), row.column("quantity").get(Integer.class));
                        lastPosition = Math.max(lastPosition, row.column("position").get(Integer.class));
                    });
        }

        @Override
        public Map<String, Integer> quantities() {
            return java.util.Collections.unmodifiableMap(quantities);
        }

        @Override
        public void set(String productId, int quantity) {
            if (quantities.containsKey(productId)) {
                tx.createNamedUpdate("cart-line-update", "UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND product_id = ?")
                        .params(quantity, cartId, productId)
                        .execute();
            } else {
                tx.createNamedInsert("cart-line-insert", "INSERT INTO cart_lines (cart_id, product_id, quantity, position,"
                                + " added_at) VALUES (?, ?, ?, ?, ?)")
                        .params(cartId, productId, quantity, ++lastPosition, UtcTimes.now())
                        .execute();
            }
            quantities.put(productId, quantity);
            changed = true;
        }

        @Override
        public void remove(String productId) {
            if (quantities.remove(productId) != null) {
                tx.createNamedDelete("cart-line-delete", "DELETE FROM cart_lines WHERE cart_id = ? AND product_id = ?")
                        .params(cartId, productId)
                        .execute();
                changed = true;
            }
        }

        @Override
        public void clear() {
            if (!quantities.isEmpty()) {
                tx.createNamedDelete("cart-lines-delete-all", "DELETE FROM cart_lines WHERE cart_id = ?").addParam(cartId).execute();
                quantities.clear();
                changed = true;
            }
        }
    }
}
