package dev.storefront.products.domain;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A catalogue item with its current price and stock. */
@Type("Product")
@Description("A catalogue item with its current price and units in stock")
public class Product {

    private String id;
    private String sku;
    private String name;
    private String description;
    private Money price;
    private int stock;
    private String createdAt;

    public Product() {
    }

    public Product(String id, String sku, String name, String description, Money price, int stock, String createdAt) {
        this.id = id;
        this.sku = sku;
        this.name = name;
        this.description = description;
        this.price = price;
        this.stock = stock;
        this.createdAt = createdAt;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    @Description("Stock keeping unit, unique: uppercase letters, digits and '-', e.g. TRS-001")
    public String getSku() {
        return sku;
    }

    @NonNull
    public String getName() {
        return name;
    }

    @NonNull
    @Description("Free text; empty when there is none")
    public String getDescription() {
        return description;
    }

    @NonNull
    @Description("Current unit price; orders store the price at order time")
    public Money getPrice() {
        return price;
    }

    @Description("Units available to order (reserved units are already subtracted)")
    public int getStock() {
        return stock;
    }

    @NonNull
    @Description("When the product was added to the catalogue, ISO-8601 UTC (the NEWEST sort)")
    public String getCreatedAt() {
        return createdAt;
    }
}
