package dev.storefront.subgraph.types;

import java.util.UUID;

/**
 * Opaque string ids: letters, digits, {@code -} and {@code _}, at most 64 characters. Validating
 * them up front turns a typo into a clear error instead of a silent miss or a database error.
 */
public final class Ids {

    private static final int MAX_LENGTH = 64;

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
        if (!isValid(id)) {
            throw new InvalidArgumentException("Argument '" + argument + "' is not a valid id: '" + id
                    + "' (expected 1-64 letters, digits, '-' or '_')");
        }
        return id;
    }

    /** @return whether the id is well formed (for entity representations, which must not throw) */
    public static boolean isValid(Object id) {
        if (!(id instanceof String s) || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        // checked by hand: every entity representation passes here, and a regex match costs more than the rest
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
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
