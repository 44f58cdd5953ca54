/**
 * The internal HTTP API orders calls during checkout, shipment and recovery (JSON under
 * {@code /internal/payments}, not exposed by the gateway), and the mapping of every failure to a
 * JSON answer with a stable code: never a stack trace, never a 500 for bad input.
 */
package dev.storefront.payments.api.internal;
