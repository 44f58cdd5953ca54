/**
 * The users subgraph's API: GraphQL queries and mutations (accounts, sign-in, {@code me}), their
 * payload and input types, and the JWKS endpoint other services verify tokens with.
 */
package dev.storefront.users.api;
