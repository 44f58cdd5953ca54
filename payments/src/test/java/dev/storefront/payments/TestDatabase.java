package dev.storefront.payments;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads the test class's own database directly, to check what the service stored. */
final class TestDatabase {

    private TestDatabase() {
    }

    /**
     * Run a query that answers one number.
     *
     * @param sql    query with {@code ?} placeholders
     * @param params their values
     * @return the number in the first column of the first row
     */
    static long number(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(System.getProperty("db.connection.url"),
                System.getProperty("db.connection.username"), System.getProperty("db.connection.password", ""));
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("No row for " + sql);
                }
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Count the transactions of a payment of one kind.
     *
     * @param paymentId payment
     * @param kind      AUTHORIZE, CAPTURE, VOID or REFUND
     * @return how many
     */
    static long transactions(String paymentId, String kind) {
        return number("SELECT COUNT(*) FROM payment_transactions WHERE payment_id = ? AND kind = ?", paymentId, kind);
    }
}
