package dev.storefront.subgraph.database;

import io.helidon.dbclient.DbClientService;
import io.helidon.dbclient.DbClientServiceContext;
import io.helidon.dbclient.tracing.DbClientTracing;
import io.helidon.tracing.SpanContext;

/**
 * One span per statement (named by the statement name, with its SQL and type), child of the
 * request span that ran it. Statements outside a traced request (start-up, background jobs,
 * untraced paths such as health probes) are not traced: each would otherwise start a one-span
 * trace of its own and bury the request traces.
 */
final class StatementTracing implements DbClientService {

    private final DbClientService tracing = DbClientTracing.create();

    @Override
    public DbClientServiceContext statement(DbClientServiceContext context) {
        if (context.context().get(SpanContext.class).isEmpty()) {
            return context;
        }
        return tracing.statement(context);
    }
}
