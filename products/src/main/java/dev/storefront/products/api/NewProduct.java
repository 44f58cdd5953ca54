package dev.storefront.products.api;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A new catalogue item as the client sends it; validated into userErrors by the mutation. */
// Helidon appends "Input" when the name equals the class name; a distinct name is used as is
@Input("CreateProductInput")
@Description("A new catalogue item")
public class NewProduct {

    @NonNull
    private String sku;
    @NonNull
    private String name;
    private String description;
    @NonNull
    private Money price;
    private Integer stock;

    public NewProduct() {
    }

    @NonNull
    @Description("Unique SKU: 3-32 letters, digits or '-'; stored upper case")
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    @NonNull
    @Description("Display name, 1-200 characters")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Description("Free text, at most 2000 characters; empty when omitted")
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @NonNull
    @Description("Unit price: non-negative minor units in the catalogue currency")
    public Money getPrice() {
        return price;
    }

    public void setPrice(Money price) {
        this.price = price;
    }

    @Description("Initial units in stock, not negative; 0 when omitted")
    public Integer getStock() {
        return stock;
    }

    public void setStock(Integer stock) {
        this.stock = stock;
    }
}
