package dev.storefront.products.api;

import java.util.List;

import dev.storefront.subgraph.types.PageInfo;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A page of products (Relay connection). */
@Type("ProductConnection")
public class ProductConnection {

    private final List<ProductEdge> edges;
    private final PageInfo pageInfo;

    public ProductConnection(List<ProductEdge> edges, PageInfo pageInfo) {
        this.edges = edges;
        this.pageInfo = pageInfo;
    }

    @NonNull
    public List<@NonNull ProductEdge> getEdges() {
        return edges;
    }

    @NonNull
    public PageInfo getPageInfo() {
        return pageInfo;
    }
}
