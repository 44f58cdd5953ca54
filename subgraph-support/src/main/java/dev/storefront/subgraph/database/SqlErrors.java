package dev.storefront.subgraph.database;

import java.sql.SQLException;

/**
 * Recognises the database errors a repository answers instead of failing, by the server's error
 * code anywhere in the cause chain (MySQL and MariaDB share these codes; the DbClient wraps the
 * driver's exception).
 */
public final class SqlErrors {

    private static final int DUPLICATE_KEY = 1062;
    private static final int DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";

    private SqlErrors() {
    }

    /** @return whether a unique or primary key rejected the row */
    public static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the server rolled the transaction back as a deadlock victim, so a retry may succeed */
    public static boolean isDeadlock(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == DEADLOCK || SERIALIZATION_FAILURE.equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
