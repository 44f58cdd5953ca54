/**
 * The service's own database: the pooled {@code DbClient}, Flyway migrations at start-up,
 * readiness, and per-statement metrics.
 */
package dev.storefront.subgraph.database;
