package dev.storefront.users.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.storefront.users.persistence.LoginThrottleRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Brute-force protection for sign-in: after {@code max-failures} failed attempts within
 * {@code failure-window}, an email address (whether or not it has an account, so the lockout
 * reveals nothing) or a client address is locked out for {@code lockout}, doubled for every
 * further lockout within a day (capped at 32 times). Configured under {@code users.login.account.*},
 * {@code users.login.address.*} and {@code users.login.failure-window}.
 *
 * <p>Registration is rate-limited per client address the same way: every attempt counts (an
 * {@code EMAIL_TAKEN} answer tells whether an address has an account), {@code max-attempts}
 * within {@code window} lock the address out of registering for {@code lockout}, configured
 * under {@code users.register.address.*}.
 *
 * <p>Concurrent attempts: an attempt is reserved (counted as a failure) by a conditional database
 * update before its password is hashed, and given back when the password was right. So a
 * burst of attempts gets at most the limit's password checks, whatever their timing; checking
 * the lock first and counting the failure after the slow hash let 7–16 of 30 concurrent guesses
 * through a limit of 5. Within a replica, attempts beyond a subject's limit queue for a turn
 * instead (a fair semaphore per subject), so a burst of right passwords all go through, a few at
 * a time; one that still finds all attempts taken but no lock (attempts of another replica) waits
 * up to 10 s for them: wrong passwords lock the subject and it is refused, a right one frees the
 * account and it goes ahead.
 *
 * <p>Counters that no longer matter (lock over, the longest window over, lockouts forgotten) are deleted by
 * the sign-in or registration that finds the last clean-up at least {@code users.login.throttle-cleanup-interval}
 * (default 10 min) ago: rows are only added by attempts, so that bounds the table without a
 * background task, and one attempt per interval pays for one indexed DELETE.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Duration FORGET_LOCKOUTS_AFTER = Duration.ofDays(1);
    private static final int MAX_DOUBLINGS = 5;
    /** Longest a sign-in waits for the attempts being checked before it (a queue of hashes takes seconds). */
    private static final Duration WAIT_FOR_ATTEMPTS_BEING_CHECKED = Duration.ofSeconds(10);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(250);

    private final LoginThrottleRepository repository;
    private final Limit account;
    private final Limit address;
    private final Limit registration;
    private final Duration longestWindow;
    private final Housekeeping housekeeping;
    private final ConcurrentHashMap<String, Turns> turns = new ConcurrentHashMap<>();

    @Inject
    LoginThrottle(LoginThrottleRepository repository, Config config) {
        this.repository = repository;
        Duration loginWindow = config.getOptionalValue("users.login.failure-window", Duration.class).orElse(Duration.ofMinutes(15));
        this.account = new Limit("ACCOUNT",
                config.getOptionalValue("users.login.account.max-failures", Integer.class).orElse(5),
                config.getOptionalValue("users.login.account.lockout", Duration.class).orElse(Duration.ofMinutes(15)), loginWindow);
        this.address = new Limit("ADDRESS",
                config.getOptionalValue("users.login.address.max-failures", Integer.class).orElse(20),
                config.getOptionalValue("users.login.address.lockout", Duration.class).orElse(Duration.ofMinutes(15)), loginWindow);
        this.registration = new Limit("REGISTRATION",
                config.getOptionalValue("users.register.address.max-attempts", Integer.class).orElse(10),
                config.getOptionalValue("users.register.address.lockout", Duration.class).orElse(Duration.ofHours(1)),
                config.getOptionalValue("users.register.address.window", Duration.class).orElse(Duration.ofHours(1)));
        // the clean-up keeps a counter as long as the longest window may still count it
        this.longestWindow = loginWindow.compareTo(registration.window()) >= 0 ? loginWindow : registration.window();
        this.housekeeping = new Housekeeping(config.getOptionalValue("users.login.throttle-cleanup-interval", Duration.class)
                .orElse(Duration.ofMinutes(10)), "expired login_throttle rows", this::forgetExpired);
    }

    /**
     * Reserve a sign-in attempt before the password is checked: it counts as a failure against the
     * client address (when known) and the email address until {@link #succeeded} gives it back, so
     * however many attempts race, no more than the limits allow are ever checked.
     *
     * @param email         the normalised email address (counted whether or not it has an account)
     * @param clientAddress the client address, when known
     * @param now           time of the attempt
     * @return the attempt, to report its outcome with, or why it may not go ahead
     */
    public SignInAttempt reserveSignIn(String email, Optional<String> clientAddress, Instant now) {
        // the address first: a locked-out network spends none of the account's attempts
        List<Subject> subjects = new ArrayList<>(2);
        clientAddress.ifPresent(a -> subjects.add(new Subject(address, address.subject(a))));
        subjects.add(new Subject(account, account.subject(email)));
        List<Turn> taken = new ArrayList<>(subjects.size());
        try {
            for (Subject subject : subjects) {
                taken.add(takeTurn(subject));
            }
            SignInAttempt attempt = reserve(subjects, taken, now);
            if (!attempt.reserved()) {
                taken.forEach(Turn::end);
            }
            return attempt;
        } catch (RuntimeException e) {
            taken.forEach(Turn::end);
            throw e;
        }
    }

    private SignInAttempt reserve(List<Subject> subjects, List<Turn> turns, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        Instant waitUntil = now.plus(WAIT_FOR_ATTEMPTS_BEING_CHECKED);
        Duration pause = FIRST_PAUSE;
        while (true) {
            Instant attemptAt = at;
            LoginThrottleRepository.Reservation reservation = repository.reserve(
                    subjects.stream().map(subject -> subject.claim(attemptAt)).toList(), at);
            if (reservation.granted()) {
                return new SignInAttempt(subjects, reservation.windowsStartedAt(), null, null, turns);
            }
            // attempts all taken but no lock (yet): attempts being checked elsewhere (another replica)
            // decide — a right password frees the account, wrong ones lock it — so wait for them
            // rather than refuse a burst of legitimate sign-ins. No connection is held while waiting.
            if (reservation.locked() || !Instant.now().plus(pause).isBefore(waitUntil) || !pause(pause)) {
                Subject refusing = subjects.get(reservation.refusedClaim());
                return new SignInAttempt(List.of(), List.of(), refusing.limit() == address ? Refusal.ADDRESS : Refusal.ACCOUNT,
                        Duration.between(at, reservation.refusedUntil()), List.of());
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /**
     * Wait for a turn of this replica to try the subject: as many at once as its limit allows,
     * the others in arrival order. Without it, attempts beyond the limit would find the limit's
     * attempts taken by ones still being checked and poll the database for the outcome.
     */
    private Turn takeTurn(Subject subject) {
        Turns shared = turns.compute(subject.hash(),
                (hash, existing) -> (existing == null ? new Turns(subject.limit().maxFailures()) : existing).join());
        Turn turn = new Turn(subject.hash(), shared);
        try {
            shared.permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            turn.leave();
            throw new IllegalStateException("Interrupted while waiting to check a password", e);
        }
        return turn;
    }

    /**
     * Reserve a registration attempt of the client address: every attempt counts, whatever its
     * outcome, and the one that reaches the limit locks the address out.
     *
     * @return how long the client address may not register, when it may not; empty when the attempt counts and may go ahead
     */
    public Optional<Duration> reserveRegistration(String clientAddress, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        Subject subject = new Subject(registration, registration.subject(clientAddress));
        LoginThrottleRepository.Reservation reservation = repository.reserve(List.of(subject.claim(at)), at);
        if (!reservation.granted()) {
            return Optional.of(Duration.between(at, reservation.refusedUntil()));
        }
        lockIfFull(subject, at);
        housekeeping.runIfDue(at);
        return Optional.empty();
    }

    /** The password was wrong: the reserved attempts stay counted, and a subject whose attempts are all spent is locked out. */
    public void failed(SignInAttempt attempt, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        attempt.subjects().forEach(subject -> lockIfFull(subject, at));
        housekeeping.runIfDue(at);
    }

    /**
     * The password was right: the account's failures are forgotten, and the client address gets
     * its reserved attempt back (not its failures: one good account must not reset them).
     */
    public void succeeded(SignInAttempt attempt) {
        for (int i = 0; i < attempt.subjects().size(); i++) {
            Subject subject = attempt.subjects().get(i);
            if (subject.limit() == account) {
                repository.clear(subject.hash());
            } else {
                repository.release(subject.hash(), attempt.windowsStartedAt().get(i));
            }
        }
        housekeeping.runIfDue(Instant.now());
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void lockIfFull(Subject subject, Instant now) {
        Limit limit = subject.limit();
        repository.lockIfFull(subject.hash(), limit.maxFailures(),
                lockouts -> now.plus(limit.lockout().multipliedBy(1L << Math.min(lockouts, MAX_DOUBLINGS))), now);
    }

    /**
     * Delete the counters that affect no decision any more: a lock still running, failures still
     * in their window and lockouts that still escalate the next one are kept.
     *
     * @param now current time
     * @return counters deleted
     */
    public long forgetExpired(Instant now) {
        return repository.deleteExpired(now, now.minus(longestWindow), now.minus(FORGET_LOCKOUTS_AFTER));
    }

    /** Why an attempt may not go ahead. */
    public enum Refusal {
        /** the client address is locked out, or its attempts are all taken */
        ADDRESS,
        /** the email address is locked out, or its attempts are all taken */
        ACCOUNT
    }

    /**
     * A sign-in attempt reserved (or refused) by {@link #reserveSignIn}. Close it once its outcome
     * is recorded: the next attempt on its subjects waiting in this replica goes ahead then.
     *
     * @param subjects         the subjects it counts against, when reserved
     * @param windowsStartedAt per subject, the window it was counted in
     * @param refusal          why it may not go ahead, when refused
     * @param retryAfter       when it may be tried again, when refused
     * @param turns            its turns in this replica, when reserved
     */
    public record SignInAttempt(List<Subject> subjects, List<Instant> windowsStartedAt, Refusal refusal, Duration retryAfter,
                                List<Turn> turns) implements AutoCloseable {

        /** @return whether the password may be checked */
        public boolean reserved() {
            return refusal == null;
        }

        @Override
        public void close() {
            turns.forEach(Turn::end);
        }
    }

    /** The attempts of this replica on one subject: their permits, and how many attempts hold or wait for one. */
    private static final class Turns {

        private final Semaphore permits;
        private int attempts; // changed only inside the map's compute, which serialises it per subject

        Turns(int permits) {
            this.permits = new Semaphore(permits, true);
        }

        Turns join() {
            attempts++;
            return this;
        }

        /** @return whether no attempt holds or waits for a permit any more (the entry can go) */
        boolean leave() {
            return --attempts == 0;
        }
    }

    /** One attempt's turn on a subject; ends once. */
    final class Turn {

        private final String hash;
        private final Turns shared;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Turn(String hash, Turns shared) {
            this.hash = hash;
            this.shared = shared;
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                shared.permits.release();
                leave();
            }
        }

        private void leave() {
            turns.computeIfPresent(hash, (h, existing) -> existing.leave() ? null : existing);
        }
    }

    /** A hashed subject and the limit it is counted under. */
    record Subject(Limit limit, String hash) {

        LoginThrottleRepository.Claim claim(Instant now) {
            return new LoginThrottleRepository.Claim(hash, limit.kind(), limit.maxFailures(), now.minus(limit.window()),
                    now.minus(FORGET_LOCKOUTS_AFTER));
        }
    }

    private record Limit(String kind, int maxFailures, Duration lockout, Duration window) {

        String subject(String value) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
