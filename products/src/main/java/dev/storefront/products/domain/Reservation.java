package dev.storefront.products.domain;

import java.util.List;

/**
 * Stock held for one order.
 *
 * @param orderId order id (the idempotency key of reserving)
 * @param status  reserved or released
 * @param items   items, one per product, in product id order
 */
public record Reservation(String orderId, ReservationStatus status, List<ReservationItem> items) {
}
