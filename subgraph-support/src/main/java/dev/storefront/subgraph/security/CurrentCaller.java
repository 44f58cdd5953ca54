package dev.storefront.subgraph.security;

import java.util.Locale;
import java.util.Optional;

import dev.storefront.tokens.InvalidTokenException;
import dev.storefront.tokens.TokenVerifier;
import dev.storefront.tokens.VerifiedToken;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Who is calling, for {@code @GraphQLApi} methods: reads the bearer token of the request being
 * served ({@link IncomingRequest}), verifies it with the service's {@link TokenVerifier} once per
 * request, and checks roles and ownership.
 *
 * <pre>{@code
 * @Query public Order order(@Id String id) throws NotAuthenticatedException, AccessDeniedException {
 *     Order order = orders.find(id);
 *     callers.requireSelfOrRole(order.userId(), Caller.ADMIN);
 *     return order;
 * }
 * }</pre>
 */
@ApplicationScoped
public class CurrentCaller {

    private static final String BEARER = "bearer ";

    private final Instance<TokenVerifier> verifier;

    @Inject
    CurrentCaller(Instance<TokenVerifier> verifier) {
        // looked up on first use: services that never ask need no security configuration
        this.verifier = verifier;
    }

    /**
     * The caller, if the request carries a token.
     *
     * @return the verified caller, or empty for an anonymous request (or outside any HTTP request)
     * @throws NotAuthenticatedException when a token is present but invalid: a bad token is an
     *                                   error, never silently anonymous
     */
    public Optional<Caller> optional() throws NotAuthenticatedException {
        Optional<IncomingRequest> request = IncomingRequest.current();
        if (request.isEmpty() || request.get().authorization().isEmpty()) {
            return Optional.empty();
        }
        IncomingRequest incoming = request.get();
        Object verification = incoming.verification();
        if (verification == null) {
            verification = verify(incoming.authorization().get());
            incoming.verification(verification);
        }
        if (verification instanceof Rejection rejection) {
            // a new exception per field: each error carries its own path
            throw new NotAuthenticatedException(rejection.reason());
        }
        return Optional.of((Caller) verification);
    }

    /**
     * @return the caller
     * @throws NotAuthenticatedException without a valid token
     */
    public Caller require() throws NotAuthenticatedException {
        return optional().orElseThrow(() -> new NotAuthenticatedException("sign in and send 'Authorization: Bearer <token>'"));
    }

    /**
     * @param role role needed, e.g. {@link Caller#ADMIN}
     * @return the caller, who holds the role
     * @throws NotAuthenticatedException without a valid token
     * @throws AccessDeniedException     when the caller lacks the role
     */
    public Caller requireRole(String role) throws NotAuthenticatedException, AccessDeniedException {
        Caller caller = require();
        if (!caller.hasRole(role)) {
            throw new AccessDeniedException("this operation requires the " + role + " role");
        }
        return caller;
    }

    /**
     * @param ownerId account owning the data
     * @param role    role that may access anyone's data, e.g. {@link Caller#ADMIN}
     * @return the caller, who is the owner or holds the role
     * @throws NotAuthenticatedException without a valid token
     * @throws AccessDeniedException     when the caller is someone else without the role
     */
    public Caller requireSelfOrRole(String ownerId, String role) throws NotAuthenticatedException, AccessDeniedException {
        Caller caller = require();
        if (!caller.isSelfOrHasRole(ownerId, role)) {
            throw new AccessDeniedException("this belongs to another account");
        }
        return caller;
    }

    private Object verify(String authorization) {
        if (!authorization.toLowerCase(Locale.ROOT).startsWith(BEARER) || authorization.length() == BEARER.length()) {
            return new Rejection("the Authorization header must be 'Bearer <token>'");
        }
        try {
            VerifiedToken token = verifier.get().verify(authorization.substring(BEARER.length()).trim());
            return new Caller(token.subject(), token.roles());
        } catch (InvalidTokenException e) {
            return new Rejection(e.getMessage());
        }
    }

    /** Why the request's token was refused, remembered for the rest of the request. */
    private record Rejection(String reason) {
    }
}
