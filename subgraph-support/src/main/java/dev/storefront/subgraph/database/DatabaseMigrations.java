package dev.storefront.subgraph.database;

import java.lang.System.Logger.Level;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE;

/**
 * Brings the service's database to the newest schema before anything serves: the versioned
 * scripts under {@code db/migration} on the classpath, applied by Flyway. The database itself is
 * created when missing ({@code createDatabaseIfNotExist} on the JDBC URL), so a service owns its
 * database from an empty server on.
 */
@ApplicationScoped
class DatabaseMigrations {

    private static final System.Logger LOGGER = System.getLogger(DatabaseMigrations.class.getName());

    void migrate(@Observes @Priority(PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) Object event,
                 Config config) {
        String url = config.getValue("db.connection.url", String.class);
        MigrateResult result = Flyway.configure()
                .dataSource(url,
                        config.getOptionalValue("db.connection.username", String.class).orElse(null),
                        config.getOptionalValue("db.connection.password", String.class).orElse(null))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOGGER.log(Level.INFO, "Database " + result.database + " at schema version "
                + (result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion)
                + ", " + result.migrationsExecuted + " migration(s) applied");
    }
}
