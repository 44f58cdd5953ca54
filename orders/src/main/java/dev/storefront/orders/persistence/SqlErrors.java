package dev.storefront.orders.persistence;

import java.sql.SQLException;

/** Recognises the database errors the repository answers instead of failing (MySQL and MariaDB codes). */
final class SqlErrors {

    private static final int DUPLICATE_KEY = 1062;

    private SqlErrors() {
    }

    /** @return whether a unique or primary key rejected the row */
    static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
