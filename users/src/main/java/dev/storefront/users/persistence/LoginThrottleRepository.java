package dev.storefront.users.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.helidon.dbclient.DbClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failed sign-in counters per subject (an account's email or a client address), keyed by a hash
 * of the subject so the table holds no email addresses, including ones that have no account.
 */
@ApplicationScoped
public class LoginThrottleRepository {

    private final DbClient db;

    @Inject
    public LoginThrottleRepository(DbClient db) {
        this.db = db;
    }

    /** @return until when the subject is locked out, if it is locked at all */
    public Optional<Instant> lockedUntil(String subjectHash) {
        return db.execute().createNamedGet("throttle-locked-until", "SELECT locked_until FROM login_throttle WHERE subject_hash = ?")
                .addParam(subjectHash)
                .execute()
                .map(row -> row.column("locked_until").get(LocalDateTime.class))
                .map(until -> until.toInstant(ZoneOffset.UTC));
    }

    /**
     * Count one failure, atomically (concurrent attempts all count).
     *
     * @param subjectHash  hashed subject
     * @param kind         {@code ACCOUNT} or {@code ADDRESS}, for operators reading the table
     * @param now          time of the failure
     * @param windowStart  failures before this no longer count: the counter restarts
     * @param forgetBefore lockouts before this no longer escalate the next one
     * @return failures in the current window and lockouts so far
     */
    public Counts recordFailure(String subjectHash, String kind, Instant now, Instant windowStart, Instant forgetBefore) {
        // CASE rather than IF(): portable; every CASE reads the old window_started_at because it
        // is assigned last (MySQL and MariaDB assign left to right)
        db.execute().createNamedInsert("throttle-record-failure",
                        "INSERT INTO login_throttle (subject_hash, kind, failures, window_started_at, lockouts, locked_until)"
                                + " VALUES (?, ?, 1, ?, 0, NULL) ON DUPLICATE KEY UPDATE"
                                + " lockouts = CASE WHEN window_started_at < ? THEN 0 ELSE lockouts END,"
                                + " failures = CASE WHEN window_started_at < ? THEN 1 ELSE failures + 1 END,"
                                + " window_started_at = CASE WHEN window_started_at < ? THEN ? ELSE window_started_at END")
                .addParam(subjectHash)
                .addParam(kind)
                .addParam(utc(now))
                .addParam(utc(forgetBefore))
                .addParam(utc(windowStart))
                .addParam(utc(windowStart))
                .addParam(utc(now))
                .execute();
        return db.execute().createNamedGet("throttle-counts", "SELECT failures, lockouts FROM login_throttle WHERE subject_hash = ?")
                .addParam(subjectHash)
                .execute()
                .map(row -> new Counts(row.column("failures").get(Integer.class), row.column("lockouts").get(Integer.class)))
                .orElse(new Counts(1, 0));
    }

    /** Lock the subject out until the given time and start counting afresh. */
    public void lock(String subjectHash, Instant until, Instant now) {
        db.execute().createNamedUpdate("throttle-lock",
                        "UPDATE login_throttle SET locked_until = ?, failures = 0, lockouts = lockouts + 1, window_started_at = ?"
                                + " WHERE subject_hash = ?")
                .addParam(utc(until))
                .addParam(utc(now))
                .addParam(subjectHash)
                .execute();
    }

    /** Forget the subject's failures (after a successful sign-in). */
    public void clear(String subjectHash) {
        db.execute().createNamedDelete("throttle-clear", "DELETE FROM login_throttle WHERE subject_hash = ?")
                .addParam(subjectHash)
                .execute();
    }

    /**
     * Delete the counters that no longer affect any decision: not locked (any more), and their
     * window over — the failures no longer count, and for a subject locked before, its lockouts no
     * longer escalate the next one either.
     *
     * @param now                  current time: locks ending before it are over
     * @param windowStartedBefore  a window that started before this is over ({@code now - failure-window})
     * @param lockoutsForgotBefore lockouts of a window that started before this are forgotten
     * @return rows deleted
     */
    public long deleteExpired(Instant now, Instant windowStartedBefore, Instant lockoutsForgotBefore) {
        // the first condition is the looser bound of the two, so the window_started_at index narrows the scan
        Instant looser = windowStartedBefore.isAfter(lockoutsForgotBefore) ? windowStartedBefore : lockoutsForgotBefore;
        return db.execute().createNamedDelete("throttle-delete-expired",
                        "DELETE FROM login_throttle WHERE window_started_at < ?"
                                + " AND (locked_until IS NULL OR locked_until <= ?)"
                                + " AND ((lockouts = 0 AND window_started_at < ?) OR window_started_at < ?)")
                .addParam(utc(looser))
                .addParam(utc(now))
                .addParam(utc(windowStartedBefore))
                .addParam(utc(lockoutsForgotBefore))
                .execute();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * @param failures failures in the current window
     * @param lockouts lockouts not yet forgotten
     */
    public record Counts(int failures, int lockouts) {
    }
}
