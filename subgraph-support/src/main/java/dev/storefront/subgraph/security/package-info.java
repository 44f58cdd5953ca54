/**
 * Who is calling a subgraph: bearer tokens (JWTs the users service signs) verified against the
 * users service's JWKS by {@code token-verification}'s {@link dev.storefront.tokens.TokenVerifier}
 * (the policy the gateway applies too; this package only adapts it), and the verified
 * {@link dev.storefront.subgraph.security.Caller} made
 * available to {@code @GraphQLApi} methods through {@link dev.storefront.subgraph.security.CurrentCaller}.
 *
 * <p>Adopting it in a subgraph: set {@code security.jwks.url}, {@code security.jwt.issuer} and
 * {@code security.jwt.audience}, inject {@code CurrentCaller}, and call {@code require()},
 * {@code requireRole("ADMIN")} or {@code requireSelfOrRole(ownerId, "ADMIN")} in the API method
 * before reading data. Nothing is verified for requests whose API methods never ask.
 *
 * <p>Refusals reach the client as GraphQL errors at the field's path with {@code extensions.code}
 * {@code UNAUTHENTICATED} or {@code FORBIDDEN} (see {@link dev.storefront.subgraph.types.ErrorCode}),
 * which the gateway passes on.
 */
package dev.storefront.subgraph.security;
