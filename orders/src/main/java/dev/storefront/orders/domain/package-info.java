/**
 * What an order is: orders and their status machine, order lines, carts and their lines, the
 * shipping address copied onto an order, the outcomes the API answers, and the rules they follow.
 * {@code User} and {@code Product} here are references to entities other subgraphs own. A leaf:
 * it imports nothing of the service's other packages (the work that moves orders is in
 * {@code checkout}, storage in {@code persistence}).
 */
package dev.storefront.orders.domain;
