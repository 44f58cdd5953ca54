package dev.storefront.orders.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A product in a cart and how many of it; the product's name, price and stock come from the products subgraph. */
@Type("CartLine")
@Description("A product in a cart and how many of it")
public class CartLine {

    // every GraphQL field has a Java field: Helidon reads nullability from the field of a getter
    private final Product product;
    private final int quantity;
    private final String addedAt;

    public CartLine(String productId, int quantity, String addedAt) {
        this.product = new Product(productId);
        this.quantity = quantity;
        this.addedAt = addedAt;
    }

    @NonNull
    @Description("Resolved through the federation: current price, stock, name")
    public Product getProduct() {
        return product;
    }

    @Description("1-99")
    public int getQuantity() {
        return quantity;
    }

    @NonNull
    @Description("When the product was first put in the cart, ISO-8601 UTC")
    public String getAddedAt() {
        return addedAt;
    }

    /** @return the product's id (not a GraphQL field: no getter name) */
    public String productId() {
        return product.getId();
    }

    /** @return units */
    public int quantity() {
        return quantity;
    }
}
