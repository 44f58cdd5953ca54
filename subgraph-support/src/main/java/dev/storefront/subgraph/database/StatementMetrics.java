package dev.storefront.subgraph.database;

import io.helidon.dbclient.DbClientService;
import io.helidon.dbclient.DbClientServiceContext;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts every statement the service runs, per statement name, as the MP metric
 * {@code db.statements{statement="..."}}: operators see query rates, and tests assert batching
 * (one statement per {@code _entities} batch).
 */
final class StatementMetrics implements DbClientService {

    static final String METRIC = "db.statements";

    private final MetricRegistry registry;

    StatementMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public DbClientServiceContext statement(DbClientServiceContext context) {
        registry.counter(METRIC, new Tag("statement", context.statementName())).inc();
        return context;
    }
}
