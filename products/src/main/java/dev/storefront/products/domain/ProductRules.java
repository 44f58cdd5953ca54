package dev.storefront.products.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes product data valid; shared by the GraphQL mutations and anything else that writes
 * products, so the rules and their limits live in one place.
 */
public final class ProductRules {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    /** Keeps stock far from the INT column's limit whatever deltas are applied. */
    public static final int MAX_STOCK = 1_000_000_000;
    public static final int MAX_STOCK_DELTA = 1_000_000;

    private static final Pattern SKU = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,31}");

    private ProductRules() {
    }

    /**
     * The canonical form of a SKU as typed by a person: trimmed and upper case, so that
     * {@code trs-001} and {@code TRS-001} are the same SKU on every database collation.
     *
     * @param sku raw SKU, may be {@code null}
     * @return canonical SKU, or {@code null}
     */
    public static String canonicalSku(String sku) {
        return sku == null ? null : sku.strip().toUpperCase(Locale.ROOT);
    }

    /** @return whether a canonical SKU is well formed (3-32 characters: A-Z, 0-9, '-'; not starting with '-') */
    public static boolean isValidSku(String canonicalSku) {
        return canonicalSku != null && SKU.matcher(canonicalSku).matches();
    }
}
