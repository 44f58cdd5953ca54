/**
 * Stage 4: merges subgraph results into one raw tree and writes the client response from it as
 * JSON in one pass: exactly the operation's fields in its order, with aliases, {@code __typename}, and GraphQL null
 * propagation (a null in a non-null position nulls the nearest nullable parent).
 */
package dev.storefront.gateway.merge;
