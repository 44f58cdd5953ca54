package dev.storefront.users.api;

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

/** Reading accounts. */
@GraphQLApi
@ApplicationScoped
public class UserQueries {

    private final UserRepository users;

    @Inject
    public UserQueries(UserRepository users) {
        this.users = users;
    }

    @Query("user")
    @Description("A user by id, or null when there is none")
    public User user(@Name("id") @Id @NonNull String id) {
        return users.findById(Ids.require("id", id)).orElse(null);
    }

    @Query("users")
    @NonNull
    @Description("All users in id order, a page at a time")
    public UserConnection users(@Name("first") @Description("Page size, 0-100, default 20") Integer first,
                                @Name("after") @Description("Cursor of the last edge of the previous page") String after) {
        Page page = Page.of(first, after);
        Page.Result<UserEdge> result = page.toResult(users.page(page.afterKey(), page.limit()), User::getId, UserEdge::new);
        return new UserConnection(result.edges(), result.pageInfo());
    }
}
