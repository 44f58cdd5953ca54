package dev.storefront.orders.client;

import dev.storefront.subgraph.types.Money;

/**
 * A product as the products service reports it now.
 *
 * @param id    product id
 * @param name  display name
 * @param price current unit price
 * @param stock units in stock (advisory: only a reservation holds stock)
 */
public record ProductSnapshot(String id, String name, Money price, int stock) {
}
