package dev.storefront.subgraph.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.storefront.subgraph.security.CallerProbeApi;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.dbclient.DbClient;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Statements outside a transaction have the whole configured pool: as many of them run at once as
 * {@code maximumPoolSize} says (the transactions' pool comes on top). Shown with statements that
 * all wait for one lock held elsewhere, counted in the server's process list.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(CallerProbeApi.class) // a subgraph needs at least one query to start
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
@AddConfig(key = "db.connection.maximumPoolSize", value = "4")
class StatementPoolTest {

    private static final String LOCK = "statement-pool-test";

    @Inject
    DbClient db;

    @Test
    void asManyStatementsRunAtOnceAsThePoolIsLarge() throws Exception {
        String database = FreshDatabaseExtension.currentName();
        try (Connection holder = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + database
                + "?allowPublicKeyRetrieval=true&useSSL=false", "root", "");
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            query(holder, "SELECT GET_LOCK('" + LOCK + "', 10)");
            List<Future<Long>> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiting.add(threads.submit(() -> db.execute().query("SELECT GET_LOCK(?, 20) AS got, RELEASE_LOCK(?) AS released", LOCK, LOCK).count()));
            }
            long blocked = 0;
            for (int poll = 0; poll < 100 && blocked < 4; poll++) {
                Thread.sleep(50);
                blocked = query(holder, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + database
                        + "' AND INFO LIKE 'SELECT GET_LOCK(%'");
            }
            query(holder, "SELECT RELEASE_LOCK('" + LOCK + "')");
            for (Future<Long> statement : waiting) {
                statement.get(); // each takes the lock in turn and gives it back
            }
            assertThat("statements waiting on the lock at once, each on its own connection", blocked, is(4L));
        }
    }

    private static long query(Connection connection, String sql) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
