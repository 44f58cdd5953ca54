package dev.storefront.products.domain;

/**
 * Where a page of a sorted listing starts: after the product with this sort key and id (keyset
 * pagination, so products added or removed meanwhile neither repeat nor go missing).
 *
 * @param sort the listing's order
 * @param key  the sort key of the last product seen: for {@link ProductSort#NAME} its name, for the
 *             price sorts its price in minor units ({@link Integer}), for {@link ProductSort#NEWEST}
 *             its creation time as a {@code yyyy-MM-dd HH:mm:ss.SSS} UTC string (bound as a string,
 *             so no driver drops its milliseconds); unused for {@link ProductSort#ID}
 * @param id   the id of the last product seen
 */
public record ProductPosition(ProductSort sort, Object key, String id) {
}
