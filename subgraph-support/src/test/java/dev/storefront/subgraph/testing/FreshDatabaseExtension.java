package dev.storefront.subgraph.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class its own, newly created database on the real server (127.0.0.1:3306, root,
 * no password, or {@code TEST_DB_HOST}/{@code TEST_DB_PORT}/{@code TEST_DB_USER}/
 * {@code TEST_DB_PASSWORD}) and drops it afterwards. It sets {@code db.connection.url} as a system
 * property, so it must be registered before {@code @HelidonTest} starts the container:
 * {@code @ExtendWith(FreshDatabaseExtension.class)} above {@code @HelidonTest}.
 */
public class FreshDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String HOST = env("TEST_DB_HOST", "127.0.0.1");
    private static final String PORT = env("TEST_DB_PORT", "3306");
    private static final String USER = env("TEST_DB_USER", "root");
    private static final String PASSWORD = env("TEST_DB_PASSWORD", "");

    private static volatile String currentName;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String name = ("t_" + context.getRequiredTestClass().getSimpleName() + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        executeOnServer("CREATE DATABASE " + name);
        currentName = name;
        System.setProperty("db.connection.url", jdbcUrl(name));
        System.setProperty("db.connection.username", USER);
        if (!PASSWORD.isEmpty()) {
            // MP Config reads an empty value as missing, so an empty password is left unset
            System.setProperty("db.connection.password", PASSWORD);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        executeOnServer("DROP DATABASE IF EXISTS " + currentName);
        System.clearProperty("db.connection.url");
    }

    /** @return name of the database of the running test class */
    public static String currentName() {
        return currentName;
    }

    /** Drop the running test class's database, e.g. to prove readiness notices. */
    public static void dropCurrent() throws SQLException {
        executeOnServer("DROP DATABASE IF EXISTS " + currentName);
    }

    /**
     * Run one statement in the test class's database, for setting up data a test needs.
     *
     * @param sql statement
     */
    public static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(currentName), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String jdbcUrl(String database) {
        return "jdbc:mysql://" + HOST + ":" + PORT + "/" + database
                + "?createDatabaseIfNotExist=true&allowPublicKeyRetrieval=true&useSSL=false";
    }

    private static void executeOnServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
