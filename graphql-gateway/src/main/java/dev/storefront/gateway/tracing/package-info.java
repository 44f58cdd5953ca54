/**
 * Distributed tracing: server span per request, client span per subgraph fetch, W3C trace context
 * propagation, export to a Jaeger collector. Off by default and then free.
 */
package dev.storefront.gateway.tracing;
