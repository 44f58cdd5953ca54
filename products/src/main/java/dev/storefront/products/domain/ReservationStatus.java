package dev.storefront.products.domain;

/** Whether an order's stock is held ({@code RESERVED}) or was given back ({@code RELEASED}). */
public enum ReservationStatus {
    RESERVED,
    RELEASED
}
