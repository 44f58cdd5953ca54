package dev.storefront.subgraph.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.dbclient.DbClientService;
import io.helidon.dbclient.DbClientServiceContext;

import org.eclipse.microprofile.metrics.Counter;
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
    // the registry's look-up builds and validates a tag each time (a regex): once per statement name
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    StatementMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public DbClientServiceContext statement(DbClientServiceContext context) {
        counters.computeIfAbsent(context.statementName(), name -> registry.counter(METRIC, new Tag("statement", name))).inc();
        return context;
    }
}
