package dev.storefront.products.domain;

/**
 * Validated catalogue search criteria; every part is optional ({@code null} means "any").
 *
 * @param text          case-insensitive substring of name, description or SKU
 * @param minPriceMinor lowest unit price, minor units, inclusive
 * @param maxPriceMinor highest unit price, minor units, inclusive
 * @param inStock       {@code true}: stock above zero; {@code false}: sold out
 */
public record ProductSearch(String text, Integer minPriceMinor, Integer maxPriceMinor, Boolean inStock) {

    /** No criteria: the whole catalogue. */
    public static final ProductSearch ALL = new ProductSearch(null, null, null, null);
}
