/**
 * Service-to-service HTTP endpoints under {@code /internal} (Helidon routes, JSON), called by the
 * orders checkout saga: product lookup and stock reservations. Not exposed by the gateway. Answers are
 * JSON-B records ({@link dev.storefront.products.internal.Answers}); bad requests get 400 with a
 * code and message, never a stack trace.
 *
 * <p>They are service-to-service and ask for no token: whoever can reach this port can reserve
 * and release stock. The port must therefore only be reachable from the orders service (and the
 * gateway, for {@code /graphql}): a private network, a Kubernetes NetworkPolicy or compose network
 * that keeps {@code /internal} away from clients. The GraphQL admin mutations are the protected
 * way to change stock.
 */
package dev.storefront.products.internal;
