package dev.storefront.subgraph.database;

import dev.storefront.subgraph.security.CallerProbeApi;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.dbclient.DbClient;
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
 * The shared driver settings reach the pool: a query is one round trip to the database, not a
 * "SET autocommit" followed by the query (the driver keeps the session state on the client).
 * Counted with the server's per-session counters, on a pool of one connection.
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

    private long sessionCounter(String name) {
        DbRow row = db.execute().get("SHOW SESSION STATUS LIKE '" + name + "'").orElseThrow();
        return Long.parseLong(row.column(2).getString());
    }
}
