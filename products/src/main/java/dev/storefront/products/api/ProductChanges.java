package dev.storefront.products.api;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/**
 * Changes to a catalogue item; omitted (or null) fields keep their value. Stock is not here: it
 * changes through {@code adjustStock}, a relative update that cannot overwrite concurrent sales.
 */
// Helidon appends "Input" when the name equals the class name; a distinct name is used as is
@Input("UpdateProductInput")
@Description("Changes to a catalogue item; omitted fields keep their value. Stock changes through adjustStock.")
public class ProductChanges {

    private String sku;
    private String name;
    private String description;
    private Money price;

    public ProductChanges() {
    }

    @Description("New unique SKU: 3-32 letters, digits or '-'; stored upper case")
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    @Description("New display name, 1-200 characters")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Description("New description, at most 2000 characters (empty to clear)")
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Description("New unit price: non-negative minor units in the catalogue currency")
    public Money getPrice() {
        return price;
    }

    public void setPrice(Money price) {
        this.price = price;
    }
}
