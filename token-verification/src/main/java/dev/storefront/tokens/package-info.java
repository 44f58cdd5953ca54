/**
 * Bearer-token verification, one policy for every verifier (the gateway's and every subgraph's):
 * {@link dev.storefront.tokens.TokenVerifier} checks a token the users service signed (RS256 or
 * ES256 by a key of its JWKS, then issuer, audience, expiry, not-before, subject and roles) and
 * remembers verified tokens; {@link dev.storefront.tokens.PublishedKeys} keeps the users service's
 * published keys, fetched again when a token names a new one, so a key rotation needs no restart.
 * Callers adapt the outcome: the gateway to an HTTP status, a subgraph to its caller.
 */
package dev.storefront.tokens;
