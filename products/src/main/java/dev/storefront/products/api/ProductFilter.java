package dev.storefront.products.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

/** Catalogue search criteria as the client sends them; every field is optional. */
// Helidon appends "Input" when the name equals the class name; a distinct name is used as is
@Input("ProductFilterInput")
@Description("Catalogue search criteria; omitted fields do not restrict")
public class ProductFilter {

    private String text;
    private Integer minPrice;
    private Integer maxPrice;
    private Boolean inStock;

    public ProductFilter() {
    }

    @Description("Case-insensitive text contained in the name, description or SKU (at most 100 characters)")
    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    @Description("Lowest unit price in minor units of the catalogue currency, inclusive")
    public Integer getMinPrice() {
        return minPrice;
    }

    public void setMinPrice(Integer minPrice) {
        this.minPrice = minPrice;
    }

    @Description("Highest unit price in minor units of the catalogue currency, inclusive")
    public Integer getMaxPrice() {
        return maxPrice;
    }

    public void setMaxPrice(Integer maxPrice) {
        this.maxPrice = maxPrice;
    }

    @Description("true: only products in stock; false: only sold-out products")
    public Boolean getInStock() {
        return inStock;
    }

    public void setInStock(Boolean inStock) {
        this.inStock = inStock;
    }
}
