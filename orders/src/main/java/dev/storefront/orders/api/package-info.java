/** The orders subgraph's GraphQL API: queries, {@code User.orders}, checkout and status mutations, their payloads. */
package dev.storefront.orders.api;
