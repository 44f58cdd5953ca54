package dev.storefront.subgraph.database;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.helidon.dbclient.DbRow;

/**
 * Times as the services store them: {@code DATETIME(3)} columns holding UTC without a zone, read
 * and written as {@link LocalDateTime}, and shown to clients as ISO-8601 instants.
 */
public final class UtcTimes {

    private UtcTimes() {
    }

    /** @return now in UTC at the precision the columns keep (milliseconds), so a value read back compares equal */
    public static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** @return the stored form of an instant, or {@code null} for {@code null} */
    public static LocalDateTime stored(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** @return the stored form of an ISO-8601 instant (as {@link #iso} prints it), or {@code null} for {@code null} */
    public static LocalDateTime stored(String isoInstant) {
        return isoInstant == null ? null : stored(Instant.parse(isoInstant));
    }

    /** @return the instant a stored value stands for, or {@code null} for {@code null} */
    public static Instant instant(LocalDateTime stored) {
        return stored == null ? null : stored.toInstant(ZoneOffset.UTC);
    }

    /** @return the instant in a row's column, or {@code null} for SQL NULL */
    public static Instant instant(DbRow row, String column) {
        return instant(row.column(column).get(LocalDateTime.class));
    }

    /** @return a row's column as an ISO-8601 instant, e.g. {@code 2026-01-02T03:04:05.678Z}, or {@code null} for SQL NULL */
    public static String iso(DbRow row, String column) {
        Instant instant = instant(row, column);
        return instant == null ? null : instant.toString();
    }
}
