package dev.storefront.products.domain;

/**
 * Where an order's reservation stands: {@code PENDING} (claimed, holds no stock: the order has not
 * reserved successfully yet), {@code RESERVED} (holds its items) or {@code RELEASED} (settled,
 * holds nothing). Only RESERVED and RELEASED reservations are shown to callers.
 */
public enum ReservationStatus {
    PENDING,
    RESERVED,
    RELEASED
}
