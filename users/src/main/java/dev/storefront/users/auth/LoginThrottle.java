package dev.storefront.users.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

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
 * <p>Counters that no longer matter (lock over, the longest window over, lockouts forgotten) are deleted by
 * the failed sign-in that finds the last clean-up at least {@code users.login.throttle-cleanup-interval}
 * (default 10 min) ago: rows are only added by failures, so that bounds the table without a
 * background task, and one failure per interval pays for one indexed DELETE.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Duration FORGET_LOCKOUTS_AFTER = Duration.ofDays(1);
    private static final int MAX_DOUBLINGS = 5;

    private final LoginThrottleRepository repository;
    private final Limit account;
    private final Limit address;
    private final Limit registration;
    private final Duration longestWindow;
    private final Housekeeping housekeeping;

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

    /** @return how long the email address stays locked out, if it is */
    public Optional<Duration> accountLockedFor(String email, Instant now) {
        return lockedFor(account.subject(email), now);
    }

    /** @return how long the client address stays locked out, if it is */
    public Optional<Duration> addressLockedFor(String clientAddress, Instant now) {
        return lockedFor(address.subject(clientAddress), now);
    }

    /** @return how long the client address may not register, if it may not */
    public Optional<Duration> registrationLockedFor(String clientAddress, Instant now) {
        return lockedFor(registration.subject(clientAddress), now);
    }

    /** Count a registration attempt from the client address, whatever its outcome. */
    public void registrationAttempted(String clientAddress, Instant now) {
        count(registration, clientAddress, now);
        housekeeping.runIfDue(now);
    }

    /** Count a failed attempt against the email address and, when known, the client address. */
    public void failed(String email, Optional<String> clientAddress, Instant now) {
        count(account, email, now);
        clientAddress.ifPresent(a -> count(address, a, now));
        housekeeping.runIfDue(now);
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

    /** A successful sign-in forgets the account's failures (not the address's: one good account must not reset it). */
    public void succeeded(String email) {
        repository.clear(account.subject(email));
    }

    private Optional<Duration> lockedFor(String subject, Instant now) {
        return repository.lockedUntil(subject)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
    }

    private void count(Limit limit, String value, Instant now) {
        String subject = limit.subject(value);
        LoginThrottleRepository.Counts counts = repository.recordFailure(subject, limit.kind(), now, now.minus(limit.window()),
                now.minus(FORGET_LOCKOUTS_AFTER));
        if (counts.failures() >= limit.maxFailures()) {
            Duration lockout = limit.lockout().multipliedBy(1L << Math.min(counts.lockouts(), MAX_DOUBLINGS));
            repository.lock(subject, now.plus(lockout), now);
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
