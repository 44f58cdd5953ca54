package dev.storefront.orders.domain;

import java.util.List;

/**
 * What a client asks to buy.
 *
 * @param userId            who buys: the signed-in caller (the token's subject), never a client-supplied id
 * @param lines             what, in what quantity, optionally at which expected unit price
 * @param cardNumber        the card to charge
 * @param idempotencyKey    the client's key: repeating a request with it never orders or charges twice
 * @param shippingAddressId one of the buyer's addresses (users service) to copy onto the order, or {@code null}
 * @param cartId            the cart being checked out (its lines are {@code lines}), or {@code null} for placeOrder
 */
public record CheckoutRequest(String userId, List<Line> lines, String cardNumber, String idempotencyKey,
                              String shippingAddressId, String cartId) {

    /** A request without address or cart. */
    public CheckoutRequest(String userId, List<Line> lines, String cardNumber, String idempotencyKey) {
        this(userId, lines, cardNumber, idempotencyKey, null, null);
    }

    /**
     * One line of the request.
     *
     * @param productId          product
     * @param quantity           units
     * @param expectedUnitPriceMinor the unit price the client saw, or {@code null} to accept the current one
     */
    public record Line(String productId, Integer quantity, Integer expectedUnitPriceMinor) {
    }
}
