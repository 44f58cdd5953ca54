/**
 * The products subgraph's GraphQL API: catalogue queries, admin mutations, their inputs and payloads.
 *
 * <p><b>Sorted listings.</b> {@code products(first, after, filter, sort: ProductSort = ID)} lists in
 * one of five orders, each ending in the id so it is total: {@code ID}, {@code NAME} (as the
 * database collates names: case-insensitively), {@code PRICE_ASC}, {@code PRICE_DESC} (ties by
 * ascending id) and {@code NEWEST} ({@code Product.createdAt}, ISO-8601 UTC, newest first; ties by
 * descending id). Paging is keyset pagination on (sort key, id) combined with the filter, so
 * products added or changed meanwhile never make a page repeat or skip others. A cursor names its
 * sort ({@code SORT|key|id}; in id order it is the id alone, as before sorts existed); one used with
 * another sort is a {@code BAD_USER_INPUT} error saying so. Migration V3 adds the indexes
 * {@code (name, id)} and {@code (created_at, id)}; the price sorts use {@code products_price}.
 * {@code sort} left out or {@code null} means {@code ID} (the default comes from
 * {@code @EnumDefault}: Helidon cannot default an enum argument itself).
 */
package dev.storefront.products.api;
