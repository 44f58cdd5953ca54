package dev.storefront.subgraph.database;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The queue itself, over a pool that hands out stand-in connections (the database is
 * {@link ConnectionQueueTest}'s part): a connection timeout of 0 means no limit, as in Hikari, and
 * closing a connection twice lets one borrower in, not two.
 */
class GatedConnectionPoolTest {

    private final AtomicInteger closed = new AtomicInteger();
    private final JdbcConnectionPool connections = () -> (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                    closed.incrementAndGet();
                }
                return null;
            });

    @Test
    void aTimeoutOfZeroWaitsForTheNextConnectionInsteadOfFailing() throws Exception {
        GatedConnectionPool pool = new GatedConnectionPool(connections, 1, 0);
        Connection first = pool.connection();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Connection> second = threads.submit(pool::connection);
            assertThrows(TimeoutException.class, () -> second.get(300, TimeUnit.MILLISECONDS));
            first.close();
            second.get(5, TimeUnit.SECONDS).close();
        }
        assertThat(closed.get(), is(2));
    }

    @Test
    void aConnectionClosedTwiceLetsOneBorrowerIn() throws Exception {
        GatedConnectionPool pool = new GatedConnectionPool(connections, 1, 300);
        Connection first = pool.connection();
        first.close();
        first.close();
        Connection second = pool.connection();
        // the one permit is taken again: a third borrower times out
        RuntimeException failure = assertThrows(RuntimeException.class, pool::connection);
        assertThat(SqlErrors.isConnectionFailure(failure), is(true));
        second.close();
    }
}
