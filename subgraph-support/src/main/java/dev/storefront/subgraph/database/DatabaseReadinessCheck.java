package dev.storefront.subgraph.database;

import io.helidon.dbclient.DbClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the service's own database answers with its migrated schema: reading the
 * migration history fails both when the server is gone and when the database was dropped.
 */
@Readiness
@ApplicationScoped
class DatabaseReadinessCheck implements HealthCheck {

    private final DbClient dbClient;

    @Inject
    DatabaseReadinessCheck(DbClient dbClient) {
        this.dbClient = dbClient;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            long versions = dbClient.execute()
                    .createQuery("SELECT COUNT(*) AS versions FROM flyway_schema_history")
                    .execute()
                    .findFirst()
                    .map(row -> row.column("versions").getLong())
                    .orElse(0L);
            return HealthCheckResponse.named("database").up().withData("migrations", versions).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database").down()
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
