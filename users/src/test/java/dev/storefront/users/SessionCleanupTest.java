package dev.storefront.users;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.users.auth.SessionService;
import dev.storefront.users.persistence.RefreshTokenRepository;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Refresh tokens of sessions that ended (ran out or were revoked) more than the retention (7 days)
 * ago go away; live sessions keep all their tokens, spent ones included, so a replay is still
 * recognised. Sessions are started through the service at chosen times (lifetime 30 days).
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class SessionCleanupTest {

    @Inject
    SessionService sessions;
    @Inject
    RefreshTokenRepository repository;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void onlyTokensOfSessionsEndedLongerThanTheRetentionAgoAreDeleted() {
        String ranOutLongAgo = startedAt(now.minus(Duration.ofDays(38)));          // ended 8 days ago
        String ranOutRecently = startedAt(now.minus(Duration.ofDays(36)));         // ended 6 days ago
        String live = startedAt(now.minus(Duration.ofDays(20)));
        String revokedLongAgo = startedAt(now.minus(Duration.ofDays(10)));
        repository.revokeFamily(familyOf(revokedLongAgo), now.minus(Duration.ofDays(8)));
        String revokedRecently = startedAt(now.minus(Duration.ofDays(10)));
        repository.revokeFamily(familyOf(revokedRecently), now.minus(Duration.ofDays(6)));
        String spentOfALiveSession = startedAt(now.minus(Duration.ofDays(25)));
        repository.markUsed(spentOfALiveSession, now.minus(Duration.ofDays(24)));

        assertThat(sessions.forgetEnded(now) >= 2, is(true));

        Set<String> left = storedHashes();
        assertThat(left, not(hasItem(ranOutLongAgo)));
        assertThat(left, not(hasItem(revokedLongAgo)));
        assertThat(left, hasItem(ranOutRecently));
        assertThat(left, hasItem(live));
        assertThat(left, hasItem(revokedRecently));
        assertThat(left, hasItem(spentOfALiveSession));
        assertThat(sessions.forgetEnded(now), is(0L));
    }

    @Test
    void aSignInCleansUpOncePerInterval() {
        String stale = startedAt(now.minus(Duration.ofDays(38)));
        String live = startedAt(now.minus(Duration.ofDays(20)));
        GraphQlClient client = GraphQlClient.forRunningServer();
        Sessions.token(client, "ada@example.com", Sessions.DEMO_PASSWORD);
        assertThat(storedHashes(), not(hasItem(stale)));
        assertThat(storedHashes(), hasItem(live));

        // within the interval (10 min) the next sign-in leaves old rows to the next clean-up
        String staleAgain = startedAt(now.minus(Duration.ofDays(38)));
        Sessions.token(client, "ada@example.com", Sessions.DEMO_PASSWORD);
        assertThat(storedHashes(), hasItem(staleAgain));
    }

    /** @return the stored hash of a session's first token, started at that time for user-3 */
    private String startedAt(Instant at) {
        return SessionService.hash(sessions.start("user-3", at).token());
    }

    private String familyOf(String tokenHash) {
        return repository.find(tokenHash).orElseThrow().familyId();
    }

    private static Set<String> storedHashes() {
        try (Connection c = DriverManager.getConnection(System.getProperty("db.connection.url"),
                System.getProperty("db.connection.username"), System.getProperty("db.connection.password", ""));
             PreparedStatement s = c.prepareStatement("SELECT token_hash FROM refresh_tokens");
             ResultSet rows = s.executeQuery()) {
            Set<String> hashes = new TreeSet<>();
            while (rows.next()) {
                hashes.add(rows.getString(1));
            }
            return hashes;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
