package dev.storefront.products.persistence;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/** Recognises the database errors the repositories answer instead of failing (MySQL and MariaDB codes). */
final class SqlErrors {

    private static final int DUPLICATE_KEY = 1062;
    private static final int DEADLOCK = 1213;

    private SqlErrors() {
    }

    /** @return whether a unique or primary key rejected the row */
    static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException s && s.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
            if (t instanceof SQLException s && s.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the server rolled the transaction back as a deadlock victim, so a retry may succeed */
    static boolean isDeadlock(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == DEADLOCK || "40001".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
