/**
 * Service-to-service HTTP endpoints under {@code /internal} (Helidon routes, JSON): an account's shipping
 * address for the orders checkout ({@link dev.storefront.users.internal.AddressLookupRoutes}).
 * Not exposed by the gateway.
 *
 * <p>They ask for no token: whoever can reach this port can read any account's address by its
 * ids. The port must therefore only be reachable from the orders service (and the gateway, for
 * {@code /graphql}): a private network, a Kubernetes NetworkPolicy or compose network that keeps
 * {@code /internal} away from clients. The GraphQL {@code User.addresses} field is the protected way
 * to read addresses.
 */
package dev.storefront.users.internal;
