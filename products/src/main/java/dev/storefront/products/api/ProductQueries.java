package dev.storefront.products.api;

import dev.storefront.products.domain.Product;
import dev.storefront.products.domain.ProductRules;
import dev.storefront.products.domain.ProductSearch;
import dev.storefront.products.persistence.ProductRepository;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.InvalidArgumentException;
import dev.storefront.subgraph.types.Page;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * Reading the catalogue: public, so these methods never ask who is calling (a storefront shows
 * products before anyone signs in).
 */
@GraphQLApi
@ApplicationScoped
public class ProductQueries {

    static final int MAX_TEXT_LENGTH = 100;

    private final ProductRepository products;

    @Inject
    public ProductQueries(ProductRepository products) {
        this.products = products;
    }

    @Query("product")
    @Description("A product by id, or null when there is none")
    public Product product(@Name("id") @Id @NonNull String id) {
        return products.findById(Ids.require("id", id)).orElse(null);
    }

    @Query("productBySku")
    @Description("A product by SKU (case-insensitive), or null when there is none")
    public Product productBySku(@Name("sku") @NonNull String sku) {
        String canonical = ProductRules.canonicalSku(sku);
        if (!ProductRules.isValidSku(canonical)) {
            throw new InvalidArgumentException("Argument 'sku' is not a valid SKU: '" + sku
                    + "' (expected 3-32 letters, digits or '-')");
        }
        return products.findBySku(canonical).orElse(null);
    }

    @Query("products")
    @NonNull
    @Description("Catalogue products in id order, optionally filtered, a page at a time")
    public ProductConnection products(@Name("first") @Description("Page size, 0-100, default 20") Integer first,
                                      @Name("after") @Description("Cursor of the last edge of the previous page") String after,
                                      @Name("filter") @Description("Search criteria; all products when omitted") ProductFilter filter) {
        Page page = Page.of(first, after);
        ProductSearch search = toSearch(filter);
        Page.Result<ProductEdge> result = page.toResult(products.page(search, page.afterKey(), page.limit()),
                Product::getId, ProductEdge::new);
        return new ProductConnection(result.edges(), result.pageInfo());
    }

    private static ProductSearch toSearch(ProductFilter filter) {
        if (filter == null) {
            return ProductSearch.ALL;
        }
        String text = filter.getText() == null ? null : filter.getText().strip();
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidArgumentException("Argument 'filter.text' must be at most " + MAX_TEXT_LENGTH
                    + " characters, was " + text.length());
        }
        requireNotNegative("filter.minPrice", filter.getMinPrice());
        requireNotNegative("filter.maxPrice", filter.getMaxPrice());
        if (filter.getMinPrice() != null && filter.getMaxPrice() != null && filter.getMinPrice() > filter.getMaxPrice()) {
            throw new InvalidArgumentException("Argument 'filter.minPrice' (" + filter.getMinPrice()
                    + ") must not exceed 'filter.maxPrice' (" + filter.getMaxPrice() + ")");
        }
        return new ProductSearch(text == null || text.isEmpty() ? null : text,
                filter.getMinPrice(), filter.getMaxPrice(), filter.getInStock());
    }

    private static void requireNotNegative(String argument, Integer minorUnits) {
        if (minorUnits != null && minorUnits < 0) {
            throw new InvalidArgumentException("Argument '" + argument + "' must not be negative, was " + minorUnits);
        }
    }
}
