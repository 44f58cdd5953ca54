package dev.storefront.subgraph.database;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import io.helidon.dbclient.DbClientService;
import io.helidon.dbclient.DbClientServiceContext;
import io.helidon.dbclient.DbIndexedStatementParameters;
import io.helidon.dbclient.DbNamedStatementParameters;
import io.helidon.dbclient.DbStatementParameters;

/**
 * Sends every {@link LocalDateTime} statement parameter as its text with milliseconds
 * ({@code 2026-12-07 06:40:01.123}), which MySQL and MariaDB both read into a {@code DATETIME(3)}.
 *
 * <p>Why: Connector/J drops the fraction of a temporal parameter when it takes the server for one
 * without fractional seconds, and it takes MariaDB 10.x for MySQL 5.5 (the version MariaDB
 * announces is {@code 5.5.5-10.11…}). Bound as it is, every time a service wrote on MariaDB (the
 * local and embedded database) was stored at whole seconds: orders placed in the same second
 * lost their order, and a value written was not the value read back. Text keeps it on both.
 */
final class MillisecondTimeParameters implements DbClientService {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");

    @Override
    public DbClientServiceContext statement(DbClientServiceContext context) {
        // changed in place: the context's parameters(...) setters add to the statement's parameters
        DbStatementParameters parameters = context.statementParameters();
        if (parameters instanceof DbIndexedStatementParameters indexed) {
            indexed.parameters().replaceAll(MillisecondTimeParameters::sent);
        } else if (parameters instanceof DbNamedStatementParameters named) {
            named.parameters().replaceAll((name, value) -> sent(value));
        }
        return context;
    }

    /** @return the value as the statement sends it: a time as text at millisecond precision, anything else as it is */
    static Object sent(Object value) {
        return value instanceof LocalDateTime time ? STORED.format(time) : value;
    }
}
