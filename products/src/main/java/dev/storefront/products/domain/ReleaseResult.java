package dev.storefront.products.domain;

/** What became of a request to release an order's stock. */
public sealed interface ReleaseResult {

    /**
     * The reservation is released; stock was given back exactly once, by this request or an
     * earlier one.
     *
     * @param orderId   the order
     * @param restocked whether this request gave the stock back (false for a repeat)
     */
    record Released(String orderId, boolean restocked) implements ReleaseResult {
    }

    /**
     * The order never held a reservation.
     *
     * @param orderId the order
     */
    record NeverReserved(String orderId) implements ReleaseResult {
    }
}
