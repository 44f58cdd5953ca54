package dev.storefront.users.api;

import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.Page;
import dev.storefront.users.domain.User;
import dev.storefront.users.persistence.UserRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Reading accounts: your own, or anyone's as an admin. */
@GraphQLApi
@ApplicationScoped
public class UserQueries {

    private final UserRepository users;
    private final CurrentCaller callers;

    @Inject
    public UserQueries(UserRepository users, CurrentCaller callers) {
        this.users = users;
        this.callers = callers;
    }

    @Query("me")
    @Description("The signed-in account (from the bearer token)")
    public User me() throws NotAuthenticatedException {
        return users.findById(callers.require().userId()).orElse(null);
    }

    @Query("user")
    @Description("A user by id, or null when there is none. Customers may read only themselves, admins anyone")
    public User user(@Name("id") @Id @NonNull String id) throws NotAuthenticatedException, AccessDeniedException {
        callers.requireSelfOrRole(Ids.require("id", id), Caller.ADMIN);
        return users.findById(id).orElse(null);
    }

    @Query("users")
    @NonNull
    @Description("All users in id order, a page at a time (admins only)")
    public UserConnection users(@Name("first") @Description("Page size, 0-100, default 20") Integer first,
                                @Name("after") @Description("Cursor of the last edge of the previous page") String after)
            throws NotAuthenticatedException, AccessDeniedException {
        callers.requireRole(Caller.ADMIN);
        Page page = Page.of(first, after);
        Page.Result<UserEdge> result = page.toResult(users.page(page.afterKey(), page.limit()), User::getId, UserEdge::new);
        return new UserConnection(result.edges(), result.pageInfo());
    }
}
