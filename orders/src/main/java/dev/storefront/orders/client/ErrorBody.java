package dev.storefront.orders.client;

/**
 * The fields every error answer of the internal contracts has.
 *
 * @param code    stable machine-readable code, e.g. OUT_OF_STOCK
 * @param message human-readable explanation
 */
public record ErrorBody(String code, String message) {
}
