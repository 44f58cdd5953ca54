package dev.storefront.orders.persistence;

import java.time.LocalDateTime;
import java.util.List;

import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;

/**
 * The link between an order placed by {@code checkout} and the cart it came from
 * ({@code cart_checkouts}), and what the order's PAID status does to that cart.
 */
final class CartCheckouts {

    private CartCheckouts() {
    }

    /** Remember, with the new order, which cart it checks out. */
    static void record(DbExecute tx, String orderId, String cartId) {
        tx.createNamedInsert("cart-checkout-insert", "INSERT INTO cart_checkouts (order_id, cart_id) VALUES (?, ?)")
                .params(orderId, cartId)
                .execute();
    }

    /**
     * Take the order's quantities out of its cart, as part of the transaction that makes it PAID
     * (which happens once): a line the order bought all of goes, a line raised since the checkout
     * keeps the difference, lines added since stay. The cart row is locked first, as every cart
     * change does, so a concurrent change on another device waits and then sees the result.
     */
    static void takeOrderedLinesOut(DbExecute tx, String orderId, LocalDateTime at) {
        List<DbRow> link = tx.createNamedQuery("cart-checkout-by-order", "SELECT cart_id FROM cart_checkouts WHERE order_id = ?")
                .addParam(orderId)
                .execute()
                .toList();
        if (link.isEmpty()) {
            return; // placed with placeOrder, not from a cart
        }
        String cartId = link.get(0).column("cart_id").get(String.class);
        if (tx.createNamedQuery("cart-lock", "SELECT id FROM carts WHERE id = ? FOR UPDATE")
                .addParam(cartId).execute().toList().isEmpty()) {
            return; // the cart is gone (an account's cart never is; nothing to take out)
        }
        tx.createNamedDelete("cart-lines-bought-delete", "DELETE FROM cart_lines WHERE cart_id = ? AND EXISTS"
                        + " (SELECT 1 FROM order_items i WHERE i.order_id = ? AND i.product_id = cart_lines.product_id"
                        + " AND i.quantity >= cart_lines.quantity)")
                .params(cartId, orderId)
                .execute();
        // what is left of a bought product is more than the order took (the line was raised since)
        tx.createNamedUpdate("cart-lines-bought-reduce", "UPDATE cart_lines SET quantity = quantity -"
                        + " (SELECT i.quantity FROM order_items i WHERE i.order_id = ? AND i.product_id = cart_lines.product_id)"
                        + " WHERE cart_id = ? AND EXISTS"
                        + " (SELECT 1 FROM order_items i WHERE i.order_id = ? AND i.product_id = cart_lines.product_id)")
                .params(orderId, cartId, orderId)
                .execute();
        tx.createNamedUpdate("cart-touch", "UPDATE carts SET updated_at = ? WHERE id = ?")
                .params(at, cartId)
                .execute();
    }
}
