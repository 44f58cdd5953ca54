package dev.storefront.subgraph.database;

import io.helidon.config.mp.MpConfig;
import io.helidon.dbclient.DbClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Produces the service's {@link DbClient} from the {@code db} config node (Helidon MP has no
 * producer of its own): JDBC with a Hikari pool, every statement counted and, when tracing is
 * on, traced.
 */
@ApplicationScoped
class DbClientProducer {

    private final MetricRegistry metrics;

    @Inject
    DbClientProducer(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    @Produces
    @ApplicationScoped
    DbClient dbClient() {
        Config config = ConfigProvider.getConfig();
        DbClient.Builder builder = DbClient.builder()
                .config(MpConfig.toHelidonConfig(config).get("db"))
                .addService(new StatementMetrics(metrics));
        if (config.getOptionalValue("tracing.enabled", Boolean.class).orElse(true)) {
            builder.addService(new StatementTracing());
        }
        return builder.build();
    }

    void close(@Disposes DbClient dbClient) {
        dbClient.close();
    }
}
