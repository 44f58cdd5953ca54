package dev.storefront.subgraph.database;

import dev.storefront.subgraph.security.CallerProbeApi;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The shared driver settings reach the pools: a query is one round trip to the database, not a
 * "SET autocommit" followed by the query (the driver keeps the session state on the client), and a
 * transaction is its statements and its commit, without switching autocommit off and on around
 * them (its pool's connections are never in autocommit). Counted with the server's per-session
 * counters, on pools of one connection each.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(CallerProbeApi.class) // a subgraph needs at least one query to start
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
@AddConfig(key = "db.connection.maximumPoolSize", value = "1")
class DriverRoundTripsTest {

    @Inject
    DbClient db;

    @Test
    void aQueryIsOneRoundTrip() {
        long setsBefore = sessionCounter("Com_set_option");
        long selectsBefore = sessionCounter("Com_select");
        for (int i = 0; i < 20; i++) {
            db.execute().query("SELECT ? AS n", i).count();
        }
        // the counter readings are statements too: SHOW is not a SELECT, but its "SET autocommit" would count
        assertThat("SET statements sent around 20 queries", sessionCounter("Com_set_option") - setsBefore, is(0L));
        assertThat(sessionCounter("Com_select") - selectsBefore, is(20L));
    }

    @Test
    void aTransactionIsItsStatementsAndTheCommit() {
        // read on the transactions' own connection: the counters are per session
        long[] before = Transactions.inTransaction(db, DriverRoundTripsTest::transactionCounters);
        for (int i = 0; i < 10; i++) {
            int n = i;
            Transactions.inTransaction(db, tx -> tx.query("SELECT ? AS n", n).count());
        }
        long[] after = Transactions.inTransaction(db, DriverRoundTripsTest::transactionCounters);
        assertThat("SET statements sent around 10 transactions", after[0] - before[0], is(0L));
        assertThat("commits: the 10 and the first reading's own", after[1] - before[1], is(11L));
        assertThat("rollbacks", after[2] - before[2], is(0L));
    }

    private static long[] transactionCounters(DbExecute tx) {
        return new long[] {sessionCounter(tx, "Com_set_option"), sessionCounter(tx, "Com_commit"),
                sessionCounter(tx, "Com_rollback")};
    }

    private long sessionCounter(String name) {
        return sessionCounter(db.execute(), name);
    }

    private static long sessionCounter(DbExecute execute, String name) {
        DbRow row = execute.get("SHOW SESSION STATUS LIKE '" + name + "'").orElseThrow();
        return Long.parseLong(row.column(2).getString());
    }
}
