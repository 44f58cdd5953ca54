package dev.storefront.subgraph.database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.storefront.subgraph.security.CallerProbeApi;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The helpers the repositories share, against the real database server. */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(CallerProbeApi.class) // a subgraph needs at least one query to start
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
class RepositoryHelpersTest {

    @Inject
    DbClient db;

    @BeforeEach
    void freshTable() {
        db.execute().dml("DROP TABLE IF EXISTS things");
        db.execute().dml("CREATE TABLE things (id VARCHAR(20) PRIMARY KEY, seen_at DATETIME(3) NULL)");
    }

    @Test
    void aTransactionCommitsWhatItAnswers() {
        String answer = Transactions.inTransaction(db, tx -> {
            tx.insert("INSERT INTO things (id) VALUES (?)", "a");
            tx.insert("INSERT INTO things (id) VALUES (?)", "b");
            return "done";
        });
        assertThat(answer, is("done"));
        assertThat(ids(), contains("a", "b"));
    }

    @Test
    void aFailingTransactionIsRolledBackAndItsFailureThrown() {
        IllegalStateException failure = new IllegalStateException("refused");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Transactions.inTransaction(db, tx -> {
            tx.insert("INSERT INTO things (id) VALUES (?)", "a");
            throw failure;
        }));
        assertThat(thrown, sameInstance(failure));
        assertThat(ids(), empty());
    }

    @Test
    void anAnswerThatKeepsNothingIsRolledBack() {
        int inserted = Transactions.inTransaction(db, tx -> (int) tx.insert("INSERT INTO things (id) VALUES (?)", "a"),
                count -> count > 1);
        assertThat(inserted, is(1));
        assertThat(ids(), empty());
    }

    @Test
    void aDuplicateKeyIsRecognisedAndOtherErrorsAreNot() {
        db.execute().insert("INSERT INTO things (id) VALUES (?)", "a");
        DbClientException duplicate = assertThrows(DbClientException.class,
                () -> db.execute().insert("INSERT INTO things (id) VALUES (?)", "a"));
        assertThat(SqlErrors.isDuplicateKey(duplicate), is(true));
        assertThat(SqlErrors.isDeadlock(duplicate), is(false));

        DbClientException unknownTable = assertThrows(DbClientException.class,
                () -> db.execute().insert("INSERT INTO no_such_table (id) VALUES (?)", "a"));
        assertThat(SqlErrors.isDuplicateKey(unknownTable), is(false));
        assertThat(SqlErrors.isDeadlock(unknownTable), is(false));
    }

    @Test
    void aDeadlockVictimIsRecognised() throws Exception {
        db.execute().insert("INSERT INTO things (id) VALUES (?), (?)", "a", "b");
        CountDownLatch bothHoldOneRow = new CountDownLatch(2);
        // each locks one row, then waits for the other's: the server picks a victim
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<?> first = threads.submit(() -> lockBoth(bothHoldOneRow, "a", "b"));
        Future<?> second = threads.submit(() -> lockBoth(bothHoldOneRow, "b", "a"));
        threads.shutdown();
        int victims = 0;
        for (Future<?> side : List.of(first, second)) {
            try {
                side.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(SqlErrors.isDeadlock(e.getCause()), is(true));
                assertThat(SqlErrors.isDuplicateKey(e.getCause()), is(false));
                victims++;
            }
        }
        assertThat(victims, is(1));
    }

    @Test
    void anInListHasOnePlaceholderPerValue() {
        db.execute().insert("INSERT INTO things (id) VALUES (?), (?), (?)", "a", "b", "c");
        List<String> wanted = List.of("a", "c", "x");
        assertThat(Placeholders.forEach(wanted), is("?, ?, ?"));
        List<String> found = db.execute()
                .query("SELECT id FROM things WHERE id IN (" + Placeholders.forEach(wanted) + ") ORDER BY id", wanted.toArray())
                .map(row -> row.column("id").get(String.class))
                .toList();
        assertThat(found, contains("a", "c"));
        assertThrows(IllegalArgumentException.class, () -> Placeholders.forEach(List.of()));
    }

    @Test
    void timesRoundTripAsUtc() {
        LocalDateTime now = UtcTimes.now();
        assertThat("sub-millisecond digits of " + now, now.getNano() % 1_000_000, is(0));

        // milliseconds kept on MariaDB too (MillisecondTimeParameters)
        Instant instant = Instant.parse("2026-01-02T03:04:05.678Z");
        db.execute().insert("INSERT INTO things (id, seen_at) VALUES (?, ?), (?, NULL)",
                "fixed", UtcTimes.stored(instant.toString()), "never");

        DbRow fixed = row("fixed");
        assertThat(fixed.column("seen_at").get(LocalDateTime.class), is(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000)));
        assertThat(UtcTimes.instant(fixed, "seen_at"), is(instant));
        assertThat(UtcTimes.iso(fixed, "seen_at"), is("2026-01-02T03:04:05.678Z"));
        assertThat(UtcTimes.stored(UtcTimes.instant(fixed, "seen_at")), is(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 678_000_000)));

        DbRow never = row("never");
        assertThat(UtcTimes.instant(never, "seen_at"), nullValue());
        assertThat(UtcTimes.iso(never, "seen_at"), nullValue());
        assertThat(UtcTimes.stored((Instant) null), nullValue());
        assertThat(UtcTimes.stored((String) null), nullValue());
    }

    private void lockBoth(CountDownLatch bothHoldOneRow, String firstId, String secondId) {
        Transactions.inTransaction(db, tx -> {
            tx.query("SELECT id FROM things WHERE id = ? FOR UPDATE", firstId).toList();
            bothHoldOneRow.countDown();
            try {
                bothHoldOneRow.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return tx.query("SELECT id FROM things WHERE id = ? FOR UPDATE", secondId).toList();
        });
    }

    private DbRow row(String id) {
        return db.execute().get("SELECT seen_at FROM things WHERE id = ?", id).orElseThrow();
    }

    private List<String> ids() {
        return db.execute().query("SELECT id FROM things ORDER BY id").map(row -> row.column("id").get(String.class)).toList();
    }
}
