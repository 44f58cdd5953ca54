package dev.storefront.subgraph.database;

import java.util.UUID;

import dev.storefront.subgraph.security.CallerProbeApi;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.dbclient.DbClient;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The database password given as the environment variable {@code DB_CONNECTION_PASSWORD} (as
 * compose and Kubernetes give it) reaches the connection pool, not only Flyway: the service
 * connects with an account that has a password, created for this test and dropped after it.
 * Runs in its own surefire execution, which sets the variable (subgraph-support/pom.xml); the
 * environment of a running JVM cannot be changed.
 */
@ExtendWith({FreshDatabaseExtension.class, DatabasePasswordFromEnvironmentTest.AccountWithPassword.class})
@HelidonTest
@AddBean(CallerProbeApi.class) // a subgraph needs at least one query to start
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
class DatabasePasswordFromEnvironmentTest {

    static final String ACCOUNT = "sf_env_" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    DbClient db;

    @Test
    void thePoolConnectsWithThePasswordFromTheEnvironment() {
        String password = System.getenv("DB_CONNECTION_PASSWORD");
        assumeTrue(password != null, "run by the surefire execution that sets DB_CONNECTION_PASSWORD");
        assertThat(DbClientProducer.settings(ConfigProvider.getConfig()), hasEntry("db.connection.password", password));

        String user = db.execute().get("SELECT CURRENT_USER() AS u").orElseThrow().column("u").getString();
        assertThat(user, startsWith(ACCOUNT + "@"));
        // and the migrations' tables are there for it (Flyway connected the same way)
        assertThat(db.execute().get("SELECT COUNT(*) AS n FROM flyway_schema_history").isPresent(), is(true));
    }

    @Test
    void environmentVariablesMapBackToTheirKeys() {
        assumeTrue(System.getenv("DB_CONNECTION_PASSWORD") != null, "run by the surefire execution that sets it");
        assertThat(DbClientProducer.environmentName("db.connection.maximumPoolSize"), is("DB_CONNECTION_MAXIMUMPOOLSIZE"));
        assertThat(DbClientProducer.settings(ConfigProvider.getConfig()), hasEntry("db.connection.username", ACCOUNT));
    }

    /** An account with a password on the test class's database; the service is told its name, not its password. */
    static class AccountWithPassword implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            String password = System.getenv("DB_CONNECTION_PASSWORD");
            if (password == null) {
                return; // not the surefire execution that sets it (e.g. -Dtest=... runs every execution): skipped
            }
            for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
                FreshDatabaseExtension.execute("CREATE USER '" + ACCOUNT + "'@'" + host + "' IDENTIFIED BY '"
                        + password.replace("'", "''") + "'");
                FreshDatabaseExtension.execute("GRANT ALL PRIVILEGES ON `" + FreshDatabaseExtension.currentName() + "`.* TO '"
                        + ACCOUNT + "'@'" + host + "'");
            }
            System.setProperty("db.connection.username", ACCOUNT);
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            for (String host : new String[] {"%", "localhost", "127.0.0.1"}) {
                FreshDatabaseExtension.execute("DROP USER IF EXISTS '" + ACCOUNT + "'@'" + host + "'");
            }
            System.clearProperty("db.connection.username");
        }
    }
}
