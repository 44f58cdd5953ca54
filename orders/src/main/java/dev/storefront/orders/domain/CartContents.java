package dev.storefront.orders.domain;

import java.util.Map;

/**
 * The lines of one cart while its row is locked (a transaction in progress): what a cart rule
 * reads and changes. Nobody else changes the cart until the rule returns.
 */
public interface CartContents {

    /** @return quantity per product id, oldest added first */
    Map<String, Integer> quantities();

    /** Set a product's quantity (1-99), adding the line when it is new. */
    void set(String productId, int quantity);

    /** Take a product's line out (nothing when there is none). */
    void remove(String productId);

    /** Take every line out. */
    void clear();
}
