package dev.storefront.products.domain;

/**
 * Units of one product held for an order.
 *
 * @param productId product id
 * @param quantity  units, positive
 */
public record ReservationItem(String productId, int quantity) {
}
