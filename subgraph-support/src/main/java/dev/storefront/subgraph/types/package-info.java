/**
 * GraphQL value types every subgraph prints identically ({@code Money}, {@code PageInfo},
 * {@code UserError}, all {@code @shareable}) and the keyset pagination behind Relay connections.
 */
package dev.storefront.subgraph.types;
