package dev.storefront.subgraph.database;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.CloseableJdbcConnectionPool;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

/**
 * A connection pool in front of which borrowers queue: no more of them reach the pool underneath
 * (Hikari) than it has connections, the rest wait here for one to be given back. Waiting inside
 * Hikari costs CPU beyond the wait: each borrower that finds no idle connection hands the pool's
 * connection-adder thread a task (even when the pool is full, so the thread wakes for nothing), waits
 * in a timed hand-off, and the borrower giving a connection back spins until a waiter takes it. A
 * service's statements pool is small on purpose (the connections at work share the database's
 * cores), so under load most reads wait, and this is where they do it cheapest.
 */
final class GatedConnectionPool implements CloseableJdbcConnectionPool {

    private final JdbcConnectionPool pool;
    private final Semaphore permits;
    private final long timeoutMillis;

    /**
     * @param pool          the pool underneath, {@code size} connections at most
     * @param size          its maximum number of connections
     * @param timeoutMillis how long a borrower waits here for a connection (the pool's own
     *                      {@code connectionTimeout}; 0 is no limit, as in Hikari), then fails as the
     *                      pool would
     */
    GatedConnectionPool(JdbcConnectionPool pool, int size, long timeoutMillis) {
        this.pool = pool;
        this.permits = new Semaphore(size);
        this.timeoutMillis = timeoutMillis == 0 ? Long.MAX_VALUE : timeoutMillis;
    }

    @Override
    public Connection connection() {
        try {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                // the same failure the pool reports for its own timeout, so callers tell it apart alike
                throw new DbClientException("No database connection became free within " + timeoutMillis + " ms",
                        new SQLTransientConnectionException("Connection is not available, request timed out after "
                                + timeoutMillis + "ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbClientException("Interrupted while waiting for a database connection",
                    new SQLTransientConnectionException("Interrupted while waiting for a connection", e));
        }
        Connection connection;
        try {
            connection = pool.connection();
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        return returningPermit(connection);
    }

    @Override
    public String dbType() {
        return pool.dbType();
    }

    @Override
    public String name() {
        return pool.name();
    }

    @Override
    public String type() {
        return pool.type();
    }

    @Override
    public void close() throws Exception {
        if (pool instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** The connection as it is, except that closing it (giving it back) also lets the next borrower in, once. */
    private Connection returningPermit(Connection connection) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            try {
                                connection.close();
                            } finally {
                                if (returned.compareAndSet(false, true)) {
                                    permits.release();
                                }
                            }
                            return null;
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> {
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }
}
