package dev.storefront.users.api;

import dev.storefront.users.domain.User;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A user and its cursor. */
@Type("UserEdge")
public class UserEdge {

    private final String cursor;
    private final User node;

    public UserEdge(String cursor, User node) {
        this.cursor = cursor;
        this.node = node;
    }

    @NonNull
    public String getCursor() {
        return cursor;
    }

    @NonNull
    public User getNode() {
        return node;
    }
}
