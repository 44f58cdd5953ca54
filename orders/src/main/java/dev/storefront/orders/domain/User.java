package dev.storefront.orders.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A reference to a user, an entity the users subgraph owns: this subgraph knows only its id and
 * contributes {@code User.orders}. A user resolved in one {@code _entities} batch carries that
 * batch's {@link UserOrdersBatch}, so the first page of orders of every user in it is read at once.
 */
@Type("User")
@Description("A storefront account (owned by the users subgraph; this subgraph adds its orders)")
public class User {

    private final String id;
    private final UserOrdersBatch batch;

    public User(String id) {
        this(id, null);
    }

    public User(String id, UserOrdersBatch batch) {
        this.id = id;
        this.batch = batch;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    /** @return the batch this user was resolved in, or {@code null} (not a GraphQL field: no getter name) */
    public UserOrdersBatch ordersBatch() {
        return batch;
    }
}
