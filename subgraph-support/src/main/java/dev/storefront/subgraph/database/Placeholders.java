package dev.storefront.subgraph.database;

import java.util.Collection;
import java.util.Collections;

/** The {@code ?, ?, ?} of an {@code IN (...)} list: one bound parameter per value, never the values in the SQL. */
public final class Placeholders {

    private Placeholders() {
    }

    /**
     * @param values the values bound to the list (at least one: {@code IN ()} is not SQL)
     * @return one {@code ?} per value, comma separated
     * @throws IllegalArgumentException when there are no values
     */
    public static String forEach(Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("An IN list needs at least one value");
        }
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }
}
