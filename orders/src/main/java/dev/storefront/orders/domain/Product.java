package dev.storefront.orders.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A reference to a product, an entity the products subgraph owns; the gateway fills its other fields there. */
@Type("Product")
@Description("A catalogue item (owned by the products subgraph)")
public class Product {

    private final String id;

    public Product(String id) {
        this.id = id;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }
}
