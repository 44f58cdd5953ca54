package dev.storefront.subgraph.database;

import io.helidon.config.mp.MpConfig;
import io.helidon.dbclient.DbClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Produces the service's {@link DbClient} from the {@code db} config node (Helidon MP has no
 * producer of its own): JDBC with a Hikari pool, every statement counted.
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
        return DbClient.builder()
                .config(MpConfig.toHelidonConfig(ConfigProvider.getConfig()).get("db"))
                .addService(new StatementMetrics(metrics))
                .build();
    }

    void close(@Disposes DbClient dbClient) {
        dbClient.close();
    }
}
