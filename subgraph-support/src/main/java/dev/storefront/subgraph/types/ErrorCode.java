package dev.storefront.subgraph.types;

/**
 * An exception whose GraphQL error tells the client what kind of failure it is, in
 * {@code extensions.code}, with the codes Apollo Server and the federation gateways use: the
 * gateway passes a subgraph's code on (it only defaults to {@code DOWNSTREAM_SERVICE_ERROR}), so a
 * client can tell "sign in" from "not allowed" from "fix your input" without reading messages.
 * Any other exception is an {@value #INTERNAL_SERVER_ERROR}: masked, and logged with its cause.
 */
public interface ErrorCode {

    /** No valid bearer token: sign in (again). */
    String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** Signed in, but not allowed to do this. */
    String FORBIDDEN = "FORBIDDEN";
    /** An argument the client got wrong. */
    String BAD_USER_INPUT = "BAD_USER_INPUT";
    /** What was asked for does not exist (or is not visible to the caller). */
    String NOT_FOUND = "NOT_FOUND";
    /** A failure of the service, not of the request: retrying may help, changing it will not. */
    String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";
    /** The service cannot reach its database right now: the same request later should succeed. */
    String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    /** @return the code for {@code extensions.code} */
    String code();
}
