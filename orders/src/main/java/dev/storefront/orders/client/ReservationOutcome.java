package dev.storefront.orders.client;

/** How the products service answered a reservation request. */
public sealed interface ReservationOutcome {

    /** All items are held for the order. */
    record Reserved() implements ReservationOutcome {
    }

    /**
     * Not enough stock of a product; nothing was reserved.
     *
     * @param productId the product
     * @param message   the service's explanation
     */
    record OutOfStock(String productId, String message) implements ReservationOutcome {
    }

    /**
     * The service refused for another contract reason (unknown product, reservation already
     * released, different items for the order); nothing was reserved.
     *
     * @param code    the service's code
     * @param message the service's explanation
     */
    record Refused(String code, String message) implements ReservationOutcome {
    }
}
