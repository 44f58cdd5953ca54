/**
 * Service-to-service HTTP endpoints under {@code /internal} (JAX-RS, JSON), called by the orders
 * checkout saga: product lookup and stock reservations. Not exposed by the gateway. Bad requests
 * get 400 with a code and message, never a stack trace.
 */
package dev.storefront.products.internal;
