/**
 * Stage 4: merges subgraph results into one raw tree and shapes the client response from it:
 * exactly the operation's fields in its order, with aliases, {@code __typename}, and GraphQL null
 * propagation (a null in a non-null position nulls the nearest nullable parent).
 */
package dev.storefront.gateway.merge;
