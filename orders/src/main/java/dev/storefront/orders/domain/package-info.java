/**
 * Orders, their status machine, and the work that moves them: the checkout saga, the later
 * status changes (ship, deliver, cancel) and the recovery of interrupted checkouts.
 * {@code User} and {@code Product} here are references to entities other subgraphs own.
 */
package dev.storefront.orders.domain;
