package dev.storefront.users.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import dev.storefront.subgraph.database.UtcTimes;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

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
                .map(row -> UtcTimes.instant(row, "locked_until"));
    }

    /**
     * Reserve one attempt for each subject before the slow part (the password hash) runs: per
     * subject one conditional {@code UPDATE} counts the attempt as a failure unless the subject is
     * locked out or its window's attempts are all taken. The row is locked only while that one
     * statement runs, so concurrent reservations never see the same count (a burst gets at most
     * {@code maxAttempts} through), and no connection is held across statements or while the
     * password is checked. When a later subject refuses, the earlier ones get the attempt back.
     *
     * @param claims the subjects to count the attempt against
     * @param now    time of the attempt, whole seconds (as stored: {@link #release} compares it)
     * @return the reservation, or which subject refused it and until when
     */
    public Reservation reserve(List<Claim> claims, Instant now) {
        List<Instant> windows = new ArrayList<>(claims.size());
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            Optional<Instant> window = reserveOne(claim, now);
            if (window.isEmpty()) {
                for (int j = 0; j < i; j++) {
                    release(claims.get(j).subjectHash(), windows.get(j));
                }
                Optional<Row> row = read(claim.subjectHash());
                boolean locked = row.map(r -> r.lockedUntil() != null && r.lockedUntil().isAfter(now)).orElse(false);
                Instant until = row.map(r -> locked ? r.lockedUntil()
                        : r.windowStartedAt().plus(Duration.between(claim.windowStart(), now))).orElse(now);
                return Reservation.refused(i, until.isBefore(now) ? now : until, locked);
            }
            windows.add(window.get());
        }
        return Reservation.granted(windows);
    }

    /** @return the start of the window the attempt was counted in, or empty when the subject refused it */
    private Optional<Instant> reserveOne(Claim claim, Instant now) {
        while (true) {
            db.execute().createNamedInsert("throttle-ensure",
                            "INSERT INTO login_throttle (subject_hash, kind, failures, window_started_at, lockouts, locked_until)"
                                    + " VALUES (?, ?, 0, ?, 0, NULL) ON DUPLICATE KEY UPDATE subject_hash = subject_hash")
                    .params(claim.subjectHash(), claim.kind(), UtcTimes.stored(now))
                    .execute();
            // CASE rather than IF(): portable; every CASE reads the old window_started_at because it
            // is assigned last (MySQL and MariaDB assign left to right)
            long reserved = db.execute().createNamedUpdate("throttle-reserve",
                            "UPDATE login_throttle SET"
                                    + " lockouts = CASE WHEN window_started_at < ? THEN 0 ELSE lockouts END,"
                                    + " failures = CASE WHEN window_started_at < ? THEN 1 ELSE failures + 1 END,"
                                    + " window_started_at = CASE WHEN window_started_at < ? THEN ? ELSE window_started_at END"
                                    + " WHERE subject_hash = ? AND (locked_until IS NULL OR locked_until <= ?)"
                                    + " AND (window_started_at < ? OR failures < ?)")
                    .params(UtcTimes.stored(claim.forgetLockoutsBefore()), UtcTimes.stored(claim.windowStart()), UtcTimes.stored(claim.windowStart()), UtcTimes.stored(now),
                            claim.subjectHash(), UtcTimes.stored(now), UtcTimes.stored(claim.windowStart()), claim.maxAttempts())
                    .execute();
            // the window counted in; should a lock restart it meanwhile, a release of it changes nothing
            Optional<Row> row = read(claim.subjectHash());
            if (row.isPresent()) {
                return reserved == 0 ? Optional.empty() : row.map(Row::windowStartedAt);
            }
            // the clean-up deleted the row between the insert and the update: insert it again
        }
    }

    /**
     * Give back an attempt {@link #reserve} counted (it turned out not to be a failure), unless
     * its window has ended or restarted with a lockout since: then it no longer counts anyway.
     *
     * @param subjectHash     hashed subject
     * @param windowStartedAt the window the attempt was counted in, as the reservation returned it
     */
    public void release(String subjectHash, Instant windowStartedAt) {
        db.execute().createNamedUpdate("throttle-release",
                        "UPDATE login_throttle SET failures = failures - 1"
                                + " WHERE subject_hash = ? AND failures > 0 AND window_started_at = ?")
                .params(subjectHash, UtcTimes.stored(windowStartedAt))
                .execute();
    }

    /**
     * Lock the subject out when its window's attempts have all failed, once: of concurrent
     * failures that see it full, only the first locks (locking starts a new window).
     *
     * @param subjectHash hashed subject
     * @param maxAttempts attempts per window
     * @param lockedUntil until when to lock, given the lockouts so far
     * @param now         current time: a lock ending before it is over
     * @return whether this call locked the subject
     */
    public boolean lockIfFull(String subjectHash, int maxAttempts, IntFunction<Instant> lockedUntil, Instant now) {
        Optional<Row> row = read(subjectHash);
        if (row.isEmpty() || row.get().failures() < maxAttempts
                || (row.get().lockedUntil() != null && row.get().lockedUntil().isAfter(now))) {
            return false;
        }
        // conditional on what was read: a concurrent lock reset the failures, so this one changes nothing
        return db.execute().createNamedUpdate("throttle-lock-if-full",
                        "UPDATE login_throttle SET locked_until = ?, failures = 0, lockouts = lockouts + 1, window_started_at = ?"
                                + " WHERE subject_hash = ? AND failures >= ? AND lockouts = ?")
                .params(UtcTimes.stored(lockedUntil.apply(row.get().lockouts())), UtcTimes.stored(now), subjectHash, maxAttempts, row.get().lockouts())
                .execute() > 0;
    }

    /** Lock the subject out until the given time and start counting afresh (unconditionally). */
    public void lock(String subjectHash, Instant until, Instant now) {
        db.execute().createNamedUpdate("throttle-lock",
                        "UPDATE login_throttle SET locked_until = ?, failures = 0, lockouts = lockouts + 1, window_started_at = ?"
                                + " WHERE subject_hash = ?")
                .addParam(UtcTimes.stored(until))
                .addParam(UtcTimes.stored(now))
                .addParam(subjectHash)
                .execute();
    }

    /**
     * Forget the subject's failures, lock and lockouts (after a successful sign-in). The row stays
     * (the clean-up deletes it later): deleting it under a concurrent reservation, between that
     * one's insert and its update, refused a right password as if the account were locked.
     */
    public void clear(String subjectHash) {
        db.execute().createNamedUpdate("throttle-clear",
                        "UPDATE login_throttle SET failures = 0, lockouts = 0, locked_until = NULL WHERE subject_hash = ?")
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
                .addParam(UtcTimes.stored(looser))
                .addParam(UtcTimes.stored(now))
                .addParam(UtcTimes.stored(windowStartedBefore))
                .addParam(UtcTimes.stored(lockoutsForgotBefore))
                .execute();
    }

    private Optional<Row> read(String subjectHash) {
        return db.execute().createNamedGet("throttle-row",
                        "SELECT failures, window_started_at, lockouts, locked_until FROM login_throttle WHERE subject_hash = ?")
                .addParam(subjectHash)
                .execute()
                .map(Row::of);
    }

    /**
     * One subject an attempt counts against, with its limit.
     *
     * @param subjectHash          hashed subject
     * @param kind                 {@code ACCOUNT}, {@code ADDRESS} or {@code REGISTRATION}, for operators reading the table
     * @param maxAttempts          attempts (failures, and attempts being checked) allowed per window
     * @param windowStart          attempts before this no longer count: the counter restarts
     * @param forgetLockoutsBefore lockouts of a window that started before this no longer escalate the next one
     */
    public record Claim(String subjectHash, String kind, int maxAttempts, Instant windowStart, Instant forgetLockoutsBefore) {
    }

    /**
     * Outcome of {@link #reserve}.
     *
     * @param refusedClaim     index of the claim that refused the attempt, or -1 when it was reserved
     * @param refusedUntil     when that subject may try again at the latest (its lock ends, or its window), when refused
     * @param locked           whether it was refused because the subject is locked out; otherwise its
     *                         attempts are all taken, some of them maybe still being checked
     * @param windowsStartedAt per claim, the window the attempt was counted in (for {@link #release}), when reserved
     */
    public record Reservation(int refusedClaim, Instant refusedUntil, boolean locked, List<Instant> windowsStartedAt) {

        static Reservation granted(List<Instant> windowsStartedAt) {
            return new Reservation(-1, null, false, List.copyOf(windowsStartedAt));
        }

        static Reservation refused(int claim, Instant until, boolean locked) {
            return new Reservation(claim, until, locked, List.of());
        }

        /** @return whether the attempt may go ahead */
        public boolean granted() {
            return refusedClaim < 0;
        }
    }

    /** A counter row as stored (times in UTC). */
    private record Row(int failures, Instant windowStartedAt, int lockouts, Instant lockedUntil) {

        static Row of(DbRow row) {
            return new Row(row.column("failures").get(Integer.class),
                    UtcTimes.instant(row, "window_started_at"),
                    row.column("lockouts").get(Integer.class),
                    UtcTimes.instant(row, "locked_until"));
        }
    }
}
