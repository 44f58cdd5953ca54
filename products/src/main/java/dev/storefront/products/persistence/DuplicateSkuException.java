package dev.storefront.products.persistence;

/** Another product already has the SKU (the unique constraint decided, so races are covered too). */
public class DuplicateSkuException extends RuntimeException {

    public DuplicateSkuException(String sku) {
        super("SKU " + sku + " is already used by another product", null, false, false);
    }
}
