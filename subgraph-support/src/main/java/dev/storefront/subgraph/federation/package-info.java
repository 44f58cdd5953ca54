/**
 * Federation v2 for Helidon MP GraphQL: entity resolvers (one or more {@code @key} per type, each
 * key its own batched lookup), {@code @shareable} value types, and the extension that serves the
 * federated schema with {@code _service} and {@code _entities}.
 */
package dev.storefront.subgraph.federation;
