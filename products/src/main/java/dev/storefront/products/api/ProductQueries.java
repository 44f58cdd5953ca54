package dev.storefront.products.api;

import java.time.DateTimeException;
import java.time.LocalDateTime;

import dev.storefront.products.domain.Product;
import dev.storefront.products.domain.ProductPosition;
import dev.storefront.products.domain.ProductRules;
import dev.storefront.products.domain.ProductSearch;
import dev.storefront.products.domain.ProductSort;
import dev.storefront.products.persistence.ProductRepository;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.federation.EnumDefault;
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
    private static final char KEY_SEPARATOR = '|';

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
    @Description("Catalogue products, optionally filtered, in the order asked for (id order by default), a page at a time")
    public ProductConnection products(@Name("first") @Description("Page size, 0-100, default 20") Integer first,
                                      @Name("after") @Description("Cursor of the last edge of the previous page (of the same sort)")
                                      String after,
                                      @Name("filter") @Description("Search criteria; all products when omitted") ProductFilter filter,
                                      // not @DefaultValue("ID"): see EnumDefault for why Helidon cannot
                                      @Name("sort") @EnumDefault("ID") @Description("Order of the listing")
                                      ProductSort sort) {
        ProductSort order = sort == null ? ProductSort.ID : sort;
        Page page = Page.of(first, after);
        ProductSearch search = toSearch(filter);
        ProductPosition position = page.afterKey() == null ? null : position(after, page.afterKey(), order);
        Page.Result<ProductEdge> result = page.toResult(products.page(search, order, position, page.limit()),
                product -> cursorKey(product, order), ProductEdge::new);
        return new ProductConnection(result.edges(), result.pageInfo());
    }

    /**
     * The cursor key of a product in a listing: the id alone in id order (as before sorts existed,
     * so those cursors stay valid), else {@code SORT|sort key|id}, so a cursor names its sort and a
     * cursor of another sort is recognised instead of silently starting at a wrong place.
     */
    static String cursorKey(Product product, ProductSort sort) {
        return switch (sort) {
            case ID -> product.getId();
            case NAME -> sort.name() + KEY_SEPARATOR + product.getName() + KEY_SEPARATOR + product.getId();
            case PRICE_ASC, PRICE_DESC -> sort.name() + KEY_SEPARATOR + product.getPrice().getAmountMinor()
                    + KEY_SEPARATOR + product.getId();
            case NEWEST -> sort.name() + KEY_SEPARATOR
                    + ProductRepository.CREATED_AT_KEY.format(UtcTimes.stored(product.getCreatedAt()))
                    + KEY_SEPARATOR + product.getId();
        };
    }

    /** The position a cursor key of {@link #cursorKey} stands for, checked against the listing's sort. */
    private static ProductPosition position(String cursor, String key, ProductSort sort) {
        int first = key.indexOf(KEY_SEPARATOR);
        int last = key.lastIndexOf(KEY_SEPARATOR);
        ProductSort cursorSort = first < 0 ? ProductSort.ID : sortNamed(key.substring(0, first));
        if (cursorSort == null || (cursorSort == ProductSort.ID && first >= 0) || (cursorSort != ProductSort.ID && first == last)) {
            throw invalidCursor(cursor);
        }
        if (cursorSort != sort) {
            throw new InvalidArgumentException("Argument 'after' is a cursor of the products sorted by " + cursorSort
                    + ", but this listing is sorted by " + sort + ": page through one sort with its own cursors"
                    + " (leave 'after' out to start this sort from its first page)");
        }
        String id = cursorSort == ProductSort.ID ? key : key.substring(last + 1);
        if (!Ids.isValid(id)) {
            throw invalidCursor(cursor);
        }
        String value = cursorSort == ProductSort.ID ? null : key.substring(first + 1, last);
        try {
            return new ProductPosition(sort, switch (sort) {
                case ID -> null;
                case NAME -> value;
                case PRICE_ASC, PRICE_DESC -> Integer.valueOf(value);
                // parsed to check it, bound as the string (see ProductPosition)
                case NEWEST -> ProductRepository.CREATED_AT_KEY.format(LocalDateTime.parse(value, ProductRepository.CREATED_AT_KEY));
            }, id);
        } catch (NumberFormatException | DateTimeException e) {
            throw invalidCursor(cursor);
        }
    }

    private static ProductSort sortNamed(String name) {
        for (ProductSort sort : ProductSort.values()) {
            if (sort.name().equals(name)) {
                return sort;
            }
        }
        return null;
    }

    private static InvalidArgumentException invalidCursor(String cursor) {
        return new InvalidArgumentException("Argument 'after' is not a valid cursor: " + cursor);
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
