package dev.storefront.subgraph.types;

import dev.storefront.subgraph.federation.Shareable;

import org.eclipse.microprofile.graphql.Type;

/** Relay connection page information; every subgraph with a connection prints it identically. */
@Type("PageInfo")
@Shareable
public class PageInfo {

    private boolean hasNextPage;
    private boolean hasPreviousPage;
    private String startCursor;
    private String endCursor;

    public PageInfo() {
    }

    public PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
        this.hasNextPage = hasNextPage;
        this.hasPreviousPage = hasPreviousPage;
        this.startCursor = startCursor;
        this.endCursor = endCursor;
    }

    public boolean getHasNextPage() {
        return hasNextPage;
    }

    public boolean getHasPreviousPage() {
        return hasPreviousPage;
    }

    public String getStartCursor() {
        return startCursor;
    }

    public String getEndCursor() {
        return endCursor;
    }
}
