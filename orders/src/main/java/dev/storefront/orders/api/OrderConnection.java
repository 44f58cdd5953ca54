package dev.storefront.orders.api;

import java.util.List;

import dev.storefront.subgraph.types.PageInfo;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of orders (Relay connection). */
@Type("OrderConnection")
public class OrderConnection {

    private final List<OrderEdge> edges;
    private final PageInfo pageInfo;

    public OrderConnection(List<OrderEdge> edges, PageInfo pageInfo) {
        this.edges = edges;
        this.pageInfo = pageInfo;
    }

    @NonNull
    public List<@NonNull OrderEdge> getEdges() {
        return edges;
    }

    @NonNull
    public PageInfo getPageInfo() {
        return pageInfo;
    }
}
