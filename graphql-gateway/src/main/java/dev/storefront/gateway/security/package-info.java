/**
 * Request admission: static operation limits (depth, aliases, cost, introspection), CSRF
 * prevention for browser "simple requests", and early bearer token verification against the
 * users service's JWKS. Everything here runs before any subgraph is called.
 */
package dev.storefront.gateway.security;
