package dev.storefront.products.domain;

/** What became of a request to reserve stock for an order. */
public sealed interface ReserveResult {

    /**
     * Stock is held for the order (now, or by an identical earlier request).
     *
     * @param reservation the reservation
     */
    record Reserved(Reservation reservation) implements ReserveResult {
    }

    /**
     * Nothing was reserved: one item asks for more than is in stock.
     *
     * @param productId the product short of stock
     * @param requested units asked for
     * @param available units in stock when checked
     */
    record OutOfStock(String productId, int requested, int available) implements ReserveResult {
    }

    /**
     * Nothing was reserved: one item names a product the catalogue does not have.
     *
     * @param productId the unknown id
     */
    record UnknownProduct(String productId) implements ReserveResult {
    }

    /**
     * Nothing was reserved: the order's reservation was already released (or the order was
     * cancelled before any reservation arrived), so a late or repeated request must not hold stock.
     *
     * @param orderId the order
     */
    record AlreadyReleased(String orderId) implements ReserveResult {
    }

    /**
     * Nothing new was reserved: the order already holds a reservation with different items.
     *
     * @param existing what the order holds
     */
    record DifferentItems(Reservation existing) implements ReserveResult {
    }
}
