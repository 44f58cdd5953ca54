package dev.storefront.orders.persistence;

import java.time.LocalDateTime;
import java.util.List;

import dev.storefront.orders.domain.OrderItem;
import dev.storefront.orders.domain.ShippingAddress;

/**
 * An order about to be recorded as PENDING at the start of a checkout.
 *
 * @param id             new order id
 * @param userId         who orders
 * @param idempotencyKey the client's key, unique per user
 * @param requestHash    hash of what was ordered, to recognise a key reused for something else
 * @param items          lines at current prices
 * @param totalMinor     sum of the line totals
 * @param currency       currency of every line
 * @param createdAt      now, UTC, millisecond precision
 * @param recoveryDueAt  when recovery takes over if the saga has not finished
 * @param shippingAddress the address copy the order ships to, or {@code null}
 * @param cartId         the cart checked out, whose lines the order takes out of it once PAID, or {@code null}
 */
public record NewOrder(String id, String userId, String idempotencyKey, String requestHash, List<OrderItem> items,
                       int totalMinor, String currency, LocalDateTime createdAt, LocalDateTime recoveryDueAt,
                       ShippingAddress shippingAddress, String cartId) {
}
