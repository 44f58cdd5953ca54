package dev.storefront.subgraph.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises the database errors a repository answers instead of failing, by the server's error
 * code anywhere in the cause chain (MySQL and MariaDB share these codes; the DbClient wraps the
 * driver's exception).
 */
public final class SqlErrors {

    private static final int DUPLICATE_KEY = 1062;
    private static final int DEADLOCK = 1213;
    private static final String SERIALIZATION_FAILURE = "40001";
    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

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

    /**
     * @return whether the database server could not be reached: no connection to be had from the
     *         pool (the pool's own timeout), or one lost while in use. Not a fault of the request;
     *         the same request later should succeed.
     */
    public static boolean isConnectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
                return true;
            }
        }
        return false;
    }
}
