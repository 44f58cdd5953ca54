/**
 * Stage 1 of the gateway pipeline: reads a Federation v2 supergraph SDL (join/link directives)
 * into a model of which subgraph resolves which type and field, and derives the public API schema
 * that clients see (federation machinery and {@code @inaccessible} elements removed).
 */
package dev.storefront.gateway.supergraph;
