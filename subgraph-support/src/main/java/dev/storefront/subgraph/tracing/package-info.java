/**
 * Tracing for every subgraph: a Jaeger tracer that propagates the W3C trace context, and one
 * span per database statement run on behalf of a traced request.
 */
package dev.storefront.subgraph.tracing;
