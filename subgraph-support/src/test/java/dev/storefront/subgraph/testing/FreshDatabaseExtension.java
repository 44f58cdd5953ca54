package dev.storefront.subgraph.testing;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives a test class its own, newly created database on the real server (127.0.0.1:3306, root,
 * no password, or {@code TEST_DB_HOST}/{@code TEST_DB_PORT}/{@code TEST_DB_USER}/
 * {@code TEST_DB_PASSWORD}) and drops it afterwards. It sets {@code db.connection.url} as a system
 * property, so it must be registered before {@code @HelidonTest} starts the container:
 * {@code @ExtendWith(FreshDatabaseExtension.class)} above {@code @HelidonTest}. A class annotated
 * {@link BehindLink} reaches its database through a {@link DatabaseLink} that {@link #cutLink()}
 * and {@link #restoreLink()} break and mend, to prove what the service does in an outage.
 */
public class FreshDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String HOST = env("TEST_DB_HOST", "127.0.0.1");
    private static final String PORT = env("TEST_DB_PORT", "3306");
    private static final String USER = env("TEST_DB_USER", "root");
    private static final String PASSWORD = env("TEST_DB_PASSWORD", "");

    private static volatile String currentName;
    private static volatile DatabaseLink link;

    /** The service of the annotated test class reaches its database through a link the test can cut. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    public @interface BehindLink {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String name = ("t_" + context.getRequiredTestClass().getSimpleName() + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        executeOnServer("CREATE DATABASE " + name);
        currentName = name;
        String serviceUrl = jdbcUrl(name);
        if (AnnotationSupport.isAnnotated(context.getRequiredTestClass(), BehindLink.class)) {
            link = link(Integer.parseInt(PORT));
            serviceUrl = jdbcUrl(HOST + ":" + link.port(), name);
        }
        System.setProperty("db.connection.url", serviceUrl);
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
        if (link != null) {
            link.close();
            link = null;
        }
    }

    private static DatabaseLink link(int port) {
        try {
            return new DatabaseLink(HOST, port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open a link to the database server", e);
        }
    }

    /** Break the link of a {@link BehindLink} class: its service's connections reset, new ones refused. */
    public static void cutLink() {
        link.cut();
    }

    /** Mend the link {@link #cutLink()} broke. */
    public static void restoreLink() {
        link.restore();
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
        return jdbcUrl(HOST + ":" + PORT, database);
    }

    private static String jdbcUrl(String hostAndPort, String database) {
        return "jdbc:mysql://" + hostAndPort + "/" + database
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
