package dev.storefront.subgraph.security;

import java.util.Optional;

import io.helidon.common.context.Contexts;

/**
 * The parts of the HTTP request being served that security decisions need, reachable from any
 * code running for that request (a {@code @GraphQLApi} method included) through Helidon's
 * {@link Contexts}: MP GraphQL passes no HTTP request to API methods, so
 * {@link IncomingRequestFilter} puts this into the request's context before GraphQL runs.
 */
public final class IncomingRequest {

    private final String authorization;
    private final String remoteAddress;
    private final String forwardedFor;
    // verified once per request however many fields ask (a Caller or an exception)
    private volatile Object verification;

    IncomingRequest(String authorization, String remoteAddress, String forwardedFor) {
        this.authorization = authorization;
        this.remoteAddress = remoteAddress;
        this.forwardedFor = forwardedFor;
    }

    /** @return the request served by the current thread, empty outside an HTTP request */
    public static Optional<IncomingRequest> current() {
        return Contexts.context().flatMap(context -> context.get(IncomingRequest.class));
    }

    /** @return the {@code Authorization} header, if sent */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** @return address of the TCP peer (the gateway, when the request came through it) */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** @return the {@code X-Forwarded-For} header, if sent (trust it only from known proxies) */
    public Optional<String> forwardedFor() {
        return Optional.ofNullable(forwardedFor);
    }

    /**
     * @param trustedProxies peers whose {@code X-Forwarded-For} is believed
     * @return the client's address (see {@link ClientAddress}), empty when a trusted proxy named none
     */
    public Optional<String> clientAddress(TrustedProxies trustedProxies) {
        return ClientAddress.of(remoteAddress, Optional.ofNullable(forwardedFor), trustedProxies);
    }

    Object verification() {
        return verification;
    }

    void verification(Object result) {
        this.verification = result;
    }
}
