package dev.storefront.products.api;

import java.util.List;

import dev.storefront.products.domain.Product;
import dev.storefront.subgraph.types.UserError;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of a product mutation: the product as it now is, or why nothing changed. */
@Type("ProductPayload")
@Description("The product after the mutation, or null with userErrors saying why nothing changed")
public class ProductPayload {

    private final Product product;
    private final List<UserError> userErrors;

    private ProductPayload(Product product, List<UserError> userErrors) {
        this.product = product;
        this.userErrors = userErrors;
    }

    static ProductPayload of(Product product) {
        return new ProductPayload(product, List.of());
    }

    static ProductPayload failed(List<UserError> userErrors) {
        return new ProductPayload(null, List.copyOf(userErrors));
    }

    static ProductPayload failed(UserError userError) {
        return new ProductPayload(null, List.of(userError));
    }

    public Product getProduct() {
        return product;
    }

    @NonNull
    public List<@NonNull UserError> getUserErrors() {
        return userErrors;
    }
}
