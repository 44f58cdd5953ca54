/**
 * Federation entity resolvers of the orders subgraph: its own {@code Order}, and the {@code User}
 * and {@code Product} references it extends or points to.
 */
package dev.storefront.orders.federation;
