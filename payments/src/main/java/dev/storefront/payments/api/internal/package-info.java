/**
 * The internal HTTP API orders calls during checkout, shipment and recovery (JSON under
 * {@code /internal/payments}, not exposed by the gateway), and the mapping of every failure to a
 * JSON answer with a stable code: never a stack trace, never a 500 for bad input.
 *
 * <p>Service-to-service: these endpoints ask for no token, so whoever reaches them can capture,
 * void and refund. The service's port must only be reachable from the orders service (and the
 * gateway, for {@code /graphql}): keep it on a private network (compose network, Kubernetes
 * NetworkPolicy), never published. Clients refund through the admin-only {@code refundPayment}.
 */
package dev.storefront.payments.api.internal;
