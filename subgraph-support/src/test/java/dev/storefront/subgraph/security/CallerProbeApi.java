package dev.storefront.subgraph.security;

import java.util.Optional;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * A GraphQL API used only by {@link CurrentCallerTest}: one query per kind of protection, each
 * answering with what it learnt about the caller. Added to the test container with
 * {@code @AddBean}, so no service that uses the test-jar sees it.
 */
@GraphQLApi
@ApplicationScoped
public class CallerProbeApi {

    private final CurrentCaller callers;

    @Inject
    public CallerProbeApi(CurrentCaller callers) {
        this.callers = callers;
    }

    @Query("whoAmI")
    public String whoAmI() throws NotAuthenticatedException {
        Caller caller = callers.require();
        return caller.userId() + " " + new TreeSet<>(caller.roles());
    }

    @Query("greeting")
    @NonNull
    public String greeting() throws NotAuthenticatedException {
        Optional<Caller> caller = callers.optional();
        return caller.map(c -> "hello " + c.userId()).orElse("hello stranger");
    }

    @Query("adminSecret")
    public String adminSecret() throws NotAuthenticatedException, AccessDeniedException {
        return "secret for " + callers.requireRole(Caller.ADMIN).userId();
    }

    @Query("privateNote")
    public String privateNote(@Name("ownerId") @NonNull String ownerId) throws NotAuthenticatedException, AccessDeniedException {
        return "note of " + ownerId + " read by " + callers.requireSelfOrRole(ownerId, Caller.ADMIN).userId();
    }
}
