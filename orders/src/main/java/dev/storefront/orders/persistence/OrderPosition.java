package dev.storefront.orders.persistence;

import java.time.LocalDateTime;

/**
 * Where an order sits in a user's list (in the order they were placed): its creation time, then its id to order
 * orders created in the same millisecond.
 *
 * @param createdAt creation time, UTC
 * @param id        order id
 */
public record OrderPosition(LocalDateTime createdAt, String id) {
}
