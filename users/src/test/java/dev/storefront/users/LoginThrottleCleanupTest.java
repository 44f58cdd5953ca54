package dev.storefront.users;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.users.auth.LoginThrottle;
import dev.storefront.users.persistence.LoginThrottleRepository;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Old {@code login_throttle} rows go away and the ones still deciding something stay, on the real
 * database. Rows are made through the repository at chosen times (windows as in production: the
 * longest, registration's, is an hour; lockouts escalate for a day).
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class LoginThrottleCleanupTest {

    @Inject
    LoginThrottleRepository repository;
    @Inject
    LoginThrottle throttle;

    // whole seconds, as the throttle keeps its times
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void onlyCountersThatDecideNothingAnyMoreAreDeleted() throws Exception {
        String staleFailures = failuresAt(now.minus(Duration.ofMinutes(65)));
        String recentFailures = failuresAt(now.minus(Duration.ofMinutes(55)));
        String liveLockout = lockedAt(now.minus(Duration.ofMinutes(20)), now.plus(Duration.ofMinutes(10)));
        String endedLockoutStillEscalating = lockedAt(now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(105)));
        String endedLockoutForgotten = lockedAt(now.minus(Duration.ofHours(25)), now.minus(Duration.ofMinutes(1485)));

        assertThat(throttle.forgetExpired(now) >= 2, is(true));

        Set<String> left = subjects();
        assertThat(left, not(hasItem(staleFailures)));
        assertThat(left, not(hasItem(endedLockoutForgotten)));
        assertThat(left, hasItem(recentFailures));
        assertThat(left, hasItem(liveLockout));
        assertThat(left, hasItem(endedLockoutStillEscalating));
        assertThat("the live lockout is intact", repository.lockedUntil(liveLockout).orElseThrow(), is(now.plus(Duration.ofMinutes(10))));
        assertThat(throttle.forgetExpired(now), is(0L));
    }

    @Test
    void aFailedSignInCleansUpOncePerInterval() {
        String stale = failuresAt(now.minus(Duration.ofMinutes(65)));
        String liveLockout = lockedAt(now.minus(Duration.ofMinutes(20)), now.plus(Duration.ofMinutes(10)));
        GraphQlClient client = GraphQlClient.forRunningServer();
        JsonObject failed = Sessions.login(client, "nobody-" + UUID.randomUUID() + "@example.com", "wrong passphrase");
        assertThat(string(failed, "data.login.userErrors.0.code"), is("INVALID_CREDENTIALS"));
        assertThat(subjects(), not(hasItem(stale)));
        assertThat(subjects(), hasItem(liveLockout));

        // within the interval (10 min) the next failure leaves old rows to the next clean-up
        String staleAgain = failuresAt(now.minus(Duration.ofMinutes(65)));
        Sessions.login(client, "nobody-" + UUID.randomUUID() + "@example.com", "wrong passphrase");
        assertThat(subjects(), hasItem(staleAgain));
    }

    /** @return a subject with one failure at that time and no lockout */
    private String failuresAt(Instant at) {
        String subject = subject();
        repository.reserve(List.of(new LoginThrottleRepository.Claim(subject, "ACCOUNT", 5, at.minus(Duration.ofMinutes(15)),
                at.minus(Duration.ofDays(1)))), at);
        return subject;
    }

    /** @return a subject locked out at that time until the other */
    private String lockedAt(Instant at, Instant until) {
        String subject = failuresAt(at);
        repository.lock(subject, until, at);
        return subject;
    }

    private static String subject() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    private static Set<String> subjects() {
        try (Connection c = DriverManager.getConnection(System.getProperty("db.connection.url"),
                System.getProperty("db.connection.username"), System.getProperty("db.connection.password", ""));
             PreparedStatement s = c.prepareStatement("SELECT subject_hash FROM login_throttle");
             ResultSet rows = s.executeQuery()) {
            Set<String> subjects = new TreeSet<>();
            while (rows.next()) {
                subjects.add(rows.getString(1));
            }
            return subjects;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
