package dev.storefront.subgraph.database;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.ObjectName;

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
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * More statements at once than the pool has connections: they queue in front of the pool, no more
 * of them inside it than it has connections (Hikari's waiting borrowers cost CPU beyond the wait),
 * all of them run, every connection comes back, and one that waits longer than the pool's timeout
 * fails as a connection failure. A pool of 4 splits into 2 for statements and 2 for transactions.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(CallerProbeApi.class) // a subgraph needs at least one query to start
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
@AddConfig(key = "db.connection.maximumPoolSize", value = "4")
@AddConfig(key = "db.connection.connectionTimeout", value = "500")
@AddConfig(key = "db.connection.poolName", value = "queue-test")
@AddConfig(key = "db.connection.registerMbeans", value = "true")
class ConnectionQueueTest {

    private static final int STATEMENTS = 12;

    @Inject
    DbClient db;

    @Test
    void statementsBeyondThePoolQueueInFrontOfItAndAllRun() throws Exception {
        ObjectName statementsPool = new ObjectName("com.zaxxer.hikari:type=Pool (queue-test)");
        // the pool opens its connections in the background at start: a borrower waits inside it for those
        for (int i = 0; i < 250 && (Integer) ManagementFactory.getPlatformMBeanServer()
                .getAttribute(statementsPool, "TotalConnections") < 2; i++) {
            Thread.sleep(20);
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger mostWaitingInPool = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> watcher = threads.submit(() -> {
                while (running.get()) {
                    int waiting = (Integer) ManagementFactory.getPlatformMBeanServer()
                            .getAttribute(statementsPool, "ThreadsAwaitingConnection");
                    mostWaitingInPool.accumulateAndGet(waiting, Math::max);
                    Thread.sleep(2);
                }
                return null;
            });
            try {
                runAtOnce(start, inFlight, mostInFlight);
            } finally {
                running.set(false);
            }
            watcher.get(5, TimeUnit.SECONDS);
        }
        assertThat("statements asked for at once", mostInFlight.get(), greaterThanOrEqualTo(STATEMENTS - 2));
        // Hikari counts every borrower between asking and getting as waiting, also one that finds a
        // connection free at once: with the queue at most the pool's 2 are ever inside it (10 without)
        assertThat("borrowers inside the pool at once", mostWaitingInPool.get(), lessThanOrEqualTo(2));

        // every connection came back: both of the pool's are free at once
        long began = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Long> a = threads.submit(() -> db.execute().query("SELECT SLEEP(0.2) AS slept").count());
            Future<Long> b = threads.submit(() -> db.execute().query("SELECT SLEEP(0.2) AS slept").count());
            assertThat(a.get(5, TimeUnit.SECONDS) + b.get(5, TimeUnit.SECONDS), is(2L));
        }
        assertThat("two statements of 0.2 s on two connections, ms", (System.nanoTime() - began) / 1_000_000, lessThan(390L));
    }

    @Test
    void aStatementThatWaitsLongerThanThePoolsTimeoutFailsAsAConnectionFailure() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // both of the statements pool's connections busy for 1.5 s
            CountDownLatch started = new CountDownLatch(2);
            List<Future<Long>> holding = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                holding.add(threads.submit(() -> {
                    started.countDown();
                    return db.execute().query("SELECT SLEEP(1.5) AS slept").count();
                }));
            }
            started.await();
            Thread.sleep(200);
            long began = System.nanoTime();
            RuntimeException failure = assertThrows(RuntimeException.class, () -> db.execute().query("SELECT 1 AS one").count());
            long waitedMillis = (System.nanoTime() - began) / 1_000_000;
            assertThat(SqlErrors.isConnectionFailure(failure), is(true));
            assertThat("waited about the pool's timeout (500 ms), ms", waitedMillis, greaterThanOrEqualTo(450L));
            assertThat(waitedMillis, lessThan(1300L));
            for (Future<Long> statement : holding) {
                assertThat(statement.get(5, TimeUnit.SECONDS), is(1L));
            }
        }
        // the failed borrower took no connection with it
        assertThat(db.execute().query("SELECT 1 AS one").count(), is(1L));
    }

    private void runAtOnce(CountDownLatch start, AtomicInteger inFlight, AtomicInteger mostInFlight) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> statements = new ArrayList<>();
            for (int i = 0; i < STATEMENTS; i++) {
                statements.add(threads.submit(() -> {
                    start.await();
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    try {
                        // 6 rounds of 30 ms on 2 connections: the last waits ~150 ms, well within the 500 ms timeout
                        return db.execute().query("SELECT SLEEP(0.03) AS slept").count();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                }));
            }
            start.countDown();
            for (Future<Long> statement : statements) {
                assertThat(statement.get(10, TimeUnit.SECONDS), is(1L));
            }
        }
    }
}
