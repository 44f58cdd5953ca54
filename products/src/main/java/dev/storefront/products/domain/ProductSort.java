package dev.storefront.products.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** The orders in which the catalogue can be listed; every order ends with the id, so it is total. */
@Enum("ProductSort")
@Description("Order of a product listing; products that tie are in id order (NEWEST: newest id first)")
public enum ProductSort {
    /** By id. */
    ID,
    /** By name (as the database collates it: case-insensitively), then id. */
    NAME,
    /** Cheapest first, then id. */
    PRICE_ASC,
    /** Most expensive first, then id. */
    PRICE_DESC,
    /** Most recently added first, then the higher id. */
    NEWEST
}
