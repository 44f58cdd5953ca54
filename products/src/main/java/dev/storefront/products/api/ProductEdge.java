package dev.storefront.products.api;

import dev.storefront.products.domain.Product;

import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A product and its cursor. */
@Type("ProductEdge")
public class ProductEdge {

    private final String cursor;
    private final Product node;

    public ProductEdge(String cursor, Product node) {
        this.cursor = cursor;
        this.node = node;
    }

    @NonNull
    public String getCursor() {
        return cursor;
    }

    @NonNull
    public Product getNode() {
        return node;
    }
}
