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
     * Where the lines came from, for a userError's {@code field}: {@code input.items} of placeOrder, or
     * {@code cart.lines} of a cart checkout (whose input has no items: the shopper fixes the cart).
     *
     * @return the path of the lines
     */
    public String[] linesField() {
        return cartId == null ? new String[] {"input", "items"} : new String[] {"cart", "lines"};
    }

    /**
     * @param index a line's position in {@link #lines}
     * @param field the line's field: {@code productId}, {@code quantity} or {@code expectedUnitPriceMinor}
     * @return its path for a userError's {@code field}: {@code input.items.<index>.<field>}, or for a cart
     *         checkout the cart line's own field ({@code cart.lines.<index>.product} or {@code .quantity})
     */
    public String[] lineField(int index, String field) {
        if (cartId == null) {
            return new String[] {"input", "items", String.valueOf(index), field};
        }
        return new String[] {"cart", "lines", String.valueOf(index), "productId".equals(field) ? "product" : field};
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
