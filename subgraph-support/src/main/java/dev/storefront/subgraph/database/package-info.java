/**
 * The service's own database: the pooled {@code DbClient}, Flyway migrations at start-up,
 * readiness, per-statement metrics, and the helpers every repository writes with
 * ({@link dev.storefront.subgraph.database.Transactions}, {@link dev.storefront.subgraph.database.Placeholders},
 * {@link dev.storefront.subgraph.database.SqlErrors}, {@link dev.storefront.subgraph.database.UtcTimes}).
 */
package dev.storefront.subgraph.database;
