package dev.storefront.subgraph.database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

import dev.storefront.subgraph.security.CallerProbeApi;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/**
 * A time a service writes is the time it reads back, milliseconds included, on MariaDB (local and
 * embedded) as on MySQL: {@code DATETIME(3)} columns written through the service's DbClient with
 * positional and named parameters, and compared against a parameter.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(CallerProbeApi.class) // a subgraph needs at least one query to start
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
class TimesKeepMillisecondsTest {

    private static final LocalDateTime WRITTEN = LocalDateTime.parse("2026-12-07T06:40:01.123");

    @Inject
    DbClient db;

    @BeforeEach
    void table() {
        db.execute().dml("DROP TABLE IF EXISTS times");
        db.execute().dml("CREATE TABLE times (id INT PRIMARY KEY, at DATETIME(3) NOT NULL)");
    }

    @Test
    void aTimeWrittenWithAPositionalParameterIsReadBackToTheMillisecond() {
        db.execute().dml("INSERT INTO times (id, at) VALUES (?, ?)", 1, WRITTEN);

        assertThat(readBack(1), is(Instant.parse("2026-12-07T06:40:01.123Z")));
        assertThat(UtcTimes.iso(row(1), "at"), is("2026-12-07T06:40:01.123Z"));
    }

    @Test
    void aTimeWrittenWithANamedParameterIsReadBackToTheMillisecond() {
        db.execute().createNamedDmlStatement("insert-time", "INSERT INTO times (id, at) VALUES (:id, :at)")
                .params(Map.of("id", 2, "at", WRITTEN))
                .execute();

        assertThat(readBack(2), is(Instant.parse("2026-12-07T06:40:01.123Z")));
    }

    @Test
    void aTimeParameterMatchesTheStoredTimeToTheMillisecond() {
        db.execute().dml("INSERT INTO times (id, at) VALUES (?, ?)", 3, WRITTEN);

        long same = db.execute().query("SELECT id FROM times WHERE at = ?", WRITTEN).count();
        long earlier = db.execute().query("SELECT id FROM times WHERE at < ?", WRITTEN.plusNanos(1_000_000)).count();
        long later = db.execute().query("SELECT id FROM times WHERE at > ?", WRITTEN.minusNanos(1_000_000)).count();
        long notAfter = db.execute().query("SELECT id FROM times WHERE at > ?", WRITTEN).count();

        assertThat(same, is(1L));
        assertThat(earlier, is(1L));
        assertThat(later, is(1L));
        assertThat(notAfter, is(0L));
    }

    @Test
    void nullAndOtherParametersAreSentAsTheyAre() {
        assertThat(MillisecondTimeParameters.sent(null), nullValue());
        assertThat(MillisecondTimeParameters.sent(7), is((Object) 7));
        assertThat(MillisecondTimeParameters.sent(LocalDateTime.parse("2026-01-02T03:04:05")), is((Object) "2026-01-02 03:04:05.000"));
    }

    private DbRow row(int id) {
        return db.execute().get("SELECT at FROM times WHERE id = ?", id).orElseThrow();
    }

    private Instant readBack(int id) {
        return UtcTimes.instant(row(id), "at");
    }
}
