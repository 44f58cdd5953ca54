package dev.storefront.users.api;

import java.util.List;

import dev.storefront.subgraph.types.PageInfo;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of users (Relay connection). */
@Type("UserConnection")
public class UserConnection {

    private final List<UserEdge> edges;
    private final PageInfo pageInfo;

    public UserConnection(List<UserEdge> edges, PageInfo pageInfo) {
        this.edges = edges;
        this.pageInfo = pageInfo;
    }

    @NonNull
    public List<@NonNull UserEdge> getEdges() {
        return edges;
    }

    @NonNull
    public PageInfo getPageInfo() {
        return pageInfo;
    }
}
