/**
 * Stage 3: runs a query plan. Parallel plan steps run on virtual threads, every entity fetch sends
 * one {@code _entities} request with deduplicated representations, and results are merged into a
 * single raw data tree keyed by response keys. A failing or slow subgraph only leaves holes and
 * errors at the affected paths.
 */
package dev.storefront.gateway.execution;
