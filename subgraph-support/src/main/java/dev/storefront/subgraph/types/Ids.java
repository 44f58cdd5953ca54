package dev.storefront.subgraph.types;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Opaque string ids: letters, digits, {@code -} and {@code _}, at most 64 characters. Validating
 * them up front turns a typo into a clear error instead of a silent miss or a database error.
 */
public final class Ids {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    /**
     * Check a client-supplied id.
     *
     * @param argument argument name, for the message
     * @param id       the id
     * @return the id
     * @throws InvalidArgumentException when malformed
     */
    public static String require(String argument, String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new InvalidArgumentException("Argument '" + argument + "' is not a valid id: '" + id
                    + "' (expected 1-64 letters, digits, '-' or '_')");
        }
        return id;
    }

    /** @return whether the id is well formed (for entity representations, which must not throw) */
    public static boolean isValid(Object id) {
        return id instanceof String s && VALID.matcher(s).matches();
    }

    /**
     * A new id for an entity.
     *
     * @param prefix short type prefix, e.g. {@code usr}
     * @return a new unique id
     */
    public static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }
}
