/**
 * Stage 2: turns a validated client operation into a query plan. The operation is first
 * normalized (fragments expanded per concrete type, {@code @skip}/{@code @include} applied),
 * then its fields are assigned to subgraphs: root fields grouped per subgraph, other subgraphs
 * reached through {@code _entities} with the key and {@code @requires} fields each needs. The
 * resulting fetches form a dependency graph that is laid out as Sequence/Parallel/Flatten/Fetch.
 */
package dev.storefront.gateway.plan;
