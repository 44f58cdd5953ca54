package dev.storefront.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.users.auth.SessionService;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Sessions over real HTTP against a fresh database: refresh tokens handed out at sign-in, rotated
 * at every refresh, a spent one presented again ending its whole session, sessions running out,
 * signing out of one or of all, and changing the password (lockout thresholds from the test
 * configuration: 3 failures per account).
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class SessionLifecycleTest {

    private static final String TOKENS = " token expiresAt refreshToken refreshTokenExpiresAt user { id email } userErrors { field code message }";
    private static final String LOGIN = "mutation($email: String!, $password: String!) { login(email: $email, password: $password) {"
            + TOKENS + " } }";
    private static final String REGISTER = "mutation($input: RegisterInput!) { register(input: $input) {" + TOKENS + " } }";
    private static final String REFRESH = "mutation($t: String!) { refreshSession(refreshToken: $t) {" + TOKENS + " } }";
    private static final String LOGOUT = "mutation($t: String!) { logout(refreshToken: $t) { sessionsEnded userErrors { field code message } } }";
    private static final String LOGOUT_EVERYWHERE = "mutation { logoutEverywhere { sessionsEnded userErrors { field code message } } }";
    private static final String CHANGE_PASSWORD = "mutation($current: String!, $new: String!) {"
            + " changePassword(currentPassword: $current, newPassword: $new) {" + TOKENS + " } }";
    private static final String PASSWORD = "a fine long passphrase";

    @Inject
    SessionService sessions;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer();
    }

    @Test
    void loginAndRegisterReturnAnAccessTokenAndARefreshToken() throws Exception {
        JsonObject registered = register("both-tokens@example.com");
        assertThat(errors(registered, "register"), is(List.of()));
        assertThat(string(registered, "data.register.refreshToken").matches("[A-Za-z0-9_-]{43}"), is(true));

        JsonObject login = login("both-tokens@example.com", PASSWORD);
        assertThat(errors(login, "login"), is(List.of()));
        String access = string(login, "data.login.token");
        String refresh = string(login, "data.login.refreshToken");
        assertThat("256 random bits, base64url: " + refresh, refresh.matches("[A-Za-z0-9_-]{43}"), is(true));
        assertThat(refresh, not(is(string(registered, "data.register.refreshToken"))));
        Duration accessLifetime = Duration.between(Instant.now(), Instant.parse(string(login, "data.login.expiresAt")));
        assertThat("access tokens live 15 minutes", accessLifetime.toMinutes() >= 14 && accessLifetime.toMinutes() <= 15, is(true));
        Duration sessionLifetime = Duration.between(Instant.now(), Instant.parse(string(login, "data.login.refreshTokenExpiresAt")));
        assertThat("sessions live 30 days", sessionLifetime.toDays() >= 29 && sessionLifetime.toDays() <= 30, is(true));
        assertThat(string(client.withBearer(access).query("{ me { email } }"), "data.me.email"), is("both-tokens@example.com"));
    }

    @Test
    void refreshTokensAreStoredOnlyAsTheirHash() throws Exception {
        List<String> handedOut = new ArrayList<>();
        handedOut.add(string(register("hashed@example.com"), "data.register.refreshToken"));
        String current = string(login("hashed@example.com", PASSWORD), "data.login.refreshToken");
        handedOut.add(current);
        handedOut.add(string(refresh(current), "data.refreshSession.refreshToken"));

        List<String> rows = storedTokenRows("hashed@example.com");
        assertThat(rows.size(), is(3));
        for (String token : handedOut) {
            assertThat("its SHA-256 is the key", rows.stream().anyMatch(row -> row.startsWith(sha256(token) + "|")), is(true));
            rows.forEach(row -> assertThat(row, not(containsString(token))));
        }
    }

    @Test
    void refreshGivesANewAccessTokenAndRotatesTheRefreshToken() {
        JsonObject login = login("grace@example.com", Sessions.DEMO_PASSWORD);
        String first = string(login, "data.login.refreshToken");

        JsonObject refreshed = refresh(first);
        assertThat(errors(refreshed, "refreshSession"), is(List.of()));
        String second = string(refreshed, "data.refreshSession.refreshToken");
        assertThat(second, not(is(first)));
        assertThat(string(refreshed, "data.refreshSession.token"), not(is(string(login, "data.login.token"))));
        assertThat("the session keeps its end", string(refreshed, "data.refreshSession.refreshTokenExpiresAt"),
                is(string(login, "data.login.refreshTokenExpiresAt")));
        assertThat(string(client.withBearer(string(refreshed, "data.refreshSession.token")).query("{ me { id } }"), "data.me.id"),
                is("user-2"));

        JsonObject third = refresh(second);
        assertThat("the new one works once", errors(third, "refreshSession"), is(List.of()));
    }

    @Test
    void aSpentRefreshTokenPresentedAgainEndsTheWholeSession() {
        String stolen = string(login("alan@example.com", Sessions.DEMO_PASSWORD), "data.login.refreshToken");
        String otherSession = string(login("alan@example.com", Sessions.DEMO_PASSWORD), "data.login.refreshToken");
        String rotated = string(refresh(stolen), "data.refreshSession.refreshToken");
        String newest = string(refresh(rotated), "data.refreshSession.refreshToken");

        JsonObject replay = refresh(stolen);
        assertThat(errors(replay, "refreshSession"), is(List.of("SESSION_REVOKED [\"refreshToken\"] This refresh token was already used,"
                + " so the session was ended to protect the account; sign in again")));
        assertThat(at(replay, "data.refreshSession.token"), is(JsonValue.NULL));
        assertThat(at(replay, "data.refreshSession.refreshToken"), is(JsonValue.NULL));
        assertThat("the newest token of the family stops working too", code(refresh(newest)), is("SESSION_REVOKED"));
        assertThat(code(refresh(rotated)), is("SESSION_REVOKED"));
        assertThat("another session of the account is not affected", errors(refresh(otherSession), "refreshSession"), is(List.of()));
    }

    @Test
    void aSessionThatRanOutIsRefused() {
        // started 31 days ago: the configured lifetime (30 days) is over, no waiting needed
        String expired = sessions.start("user-4", Instant.now().minus(Duration.ofDays(31))).token();
        assertThat(errors(refresh(expired), "refreshSession"), is(List.of(
                "SESSION_EXPIRED [\"refreshToken\"] This session has run out; sign in again")));
        String almostOver = sessions.start("user-4", Instant.now().minus(Duration.ofDays(30)).plusSeconds(60)).token();
        assertThat(errors(refresh(almostOver), "refreshSession"), is(List.of()));
    }

    @Test
    void malformedAndUnknownRefreshTokensAreRefused() {
        String invalid = "INVALID_REFRESH_TOKEN [\"refreshToken\"] This is not a refresh token of this storefront; sign in again";
        assertThat(errors(refresh("not a token"), "refreshSession"), is(List.of(invalid)));
        assertThat(errors(refresh(unknownToken()), "refreshSession"), is(List.of(invalid)));
        // an access token is not a refresh token
        assertThat(errors(refresh(string(login("ada@example.com", Sessions.DEMO_PASSWORD), "data.login.token")), "refreshSession"),
                is(List.of(invalid)));
        assertThat(errors(logout("not a token"), "logout"), is(List.of(invalid)));
        JsonObject unknown = logout(unknownToken());
        assertThat("nothing to end is no error", errors(unknown, "logout"), is(List.of()));
        assertThat(at(unknown, "data.logout.sessionsEnded").toString(), is("0"));
    }

    @Test
    void logoutEndsExactlyThatSession() {
        JsonObject leaving = login("barbara@example.com", Sessions.DEMO_PASSWORD);
        String leavingToken = string(leaving, "data.login.refreshToken");
        String staying = string(login("barbara@example.com", Sessions.DEMO_PASSWORD), "data.login.refreshToken");

        JsonObject out = logout(leavingToken);
        assertThat(errors(out, "logout"), is(List.of()));
        assertThat(at(out, "data.logout.sessionsEnded").toString(), is("1"));
        JsonObject again = logout(leavingToken);
        assertThat("signing out twice is no error", errors(again, "logout"), is(List.of()));
        assertThat(at(again, "data.logout.sessionsEnded").toString(), is("0"));

        assertThat(errors(refresh(leavingToken), "refreshSession"), is(List.of(
                "SESSION_REVOKED [\"refreshToken\"] This session was ended; sign in again")));
        assertThat(errors(refresh(staying), "refreshSession"), is(List.of()));
        // stateless access tokens: the ended session's one works until it expires (users/README.md)
        assertThat(string(client.withBearer(string(leaving, "data.login.token")).query("{ me { id } }"), "data.me.id"), is("user-4"));
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheCaller() {
        register("everywhere@example.com");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            mine.add(string(login("everywhere@example.com", PASSWORD), "data.login.refreshToken"));
        }
        JsonObject current = login("everywhere@example.com", PASSWORD);
        mine.add(string(current, "data.login.refreshToken"));
        String someoneElses = string(login("ada@example.com", Sessions.DEMO_PASSWORD), "data.login.refreshToken");

        JsonObject anonymous = client.query(LOGOUT_EVERYWHERE);
        assertThat(string(anonymous, "errors.0.message"), startsWith("Not authenticated"));
        assertThat(at(anonymous, "data"), is(JsonValue.NULL));

        JsonObject out = client.withBearer(string(current, "data.login.token")).query(LOGOUT_EVERYWHERE);
        assertThat(errors(out, "logoutEverywhere"), is(List.of()));
        // the registration's session too
        assertThat(at(out, "data.logoutEverywhere.sessionsEnded").toString(), is("4"));
        mine.forEach(token -> assertThat(code(refresh(token)), is("SESSION_REVOKED")));
        assertThat(errors(refresh(someoneElses), "refreshSession"), is(List.of()));
    }

    @Test
    void changingThePasswordEndsOtherSessionsAndStartsANewOne() throws Exception {
        register("changer@example.com");
        JsonObject phone = login("changer@example.com", PASSWORD);
        String laptop = string(login("changer@example.com", PASSWORD), "data.login.refreshToken");
        String hashBefore = storedHash("changer@example.com");
        GraphQlClient signedIn = client.withBearer(string(phone, "data.login.token"));

        JsonObject changed = signedIn.query(CHANGE_PASSWORD, Map.of("current", PASSWORD, "new", "an even finer passphrase"));
        assertThat(errors(changed, "changePassword"), is(List.of()));
        assertThat(string(changed, "data.changePassword.user.email"), is("changer@example.com"));
        String fresh = string(changed, "data.changePassword.refreshToken");

        assertThat(storedHash("changer@example.com"), startsWith("$argon2id$"));
        assertThat(storedHash("changer@example.com"), not(is(hashBefore)));
        assertThat(code(login("changer@example.com", PASSWORD)), is("INVALID_CREDENTIALS"));
        assertThat(errors(login("changer@example.com", "an even finer passphrase"), "login"), is(List.of()));
        assertThat("the other sessions ended", code(refresh(laptop)), is("SESSION_REVOKED"));
        assertThat("including the caller's own old one", code(refresh(string(phone, "data.login.refreshToken"))), is("SESSION_REVOKED"));
        JsonObject continued = refresh(fresh);
        assertThat("the returned session works", errors(continued, "refreshSession"), is(List.of()));
        assertThat(string(client.withBearer(string(changed, "data.changePassword.token")).query("{ me { email } }"), "data.me.email"),
                is("changer@example.com"));
    }

    @Test
    void aWeakNewPasswordIsRefusedAndNothingChanges() throws Exception {
        register("weak-change@example.com");
        JsonObject session = login("weak-change@example.com", PASSWORD);
        String hashBefore = storedHash("weak-change@example.com");
        GraphQlClient signedIn = client.withBearer(string(session, "data.login.token"));

        assertThat(errors(signedIn.query(CHANGE_PASSWORD, Map.of("current", PASSWORD, "new", "short")), "changePassword"), is(List.of(
                "WEAK_PASSWORD [\"newPassword\"] Password must be at least 10 characters long")));
        assertThat(errors(signedIn.query(CHANGE_PASSWORD, Map.of("current", PASSWORD, "new", "Password123")), "changePassword"), is(List.of(
                "WEAK_PASSWORD [\"newPassword\"] Password is too common; choose one that is harder to guess")));
        assertThat(storedHash("weak-change@example.com"), is(hashBefore));
        assertThat(errors(refresh(string(session, "data.login.refreshToken")), "refreshSession"), is(List.of()));

        JsonObject anonymous = client.query(CHANGE_PASSWORD, Map.of("current", PASSWORD, "new", "an even finer passphrase"));
        assertThat(string(anonymous, "errors.0.message"), startsWith("Not authenticated"));
    }

    @Test
    void wrongCurrentPasswordsCountTowardsTheSignInLockout() throws Exception {
        register("guessed@example.com");
        JsonObject session = login("guessed@example.com", PASSWORD);
        String hashBefore = storedHash("guessed@example.com");
        GraphQlClient thief = client.withBearer(string(session, "data.login.token"));

        for (int i = 0; i < 3; i++) {
            assertThat(errors(thief.query(CHANGE_PASSWORD, Map.of("current", "guess number " + i, "new", "the thief's passphrase")),
                    "changePassword"), is(List.of("INVALID_CREDENTIALS [\"currentPassword\"] The current password is incorrect")));
        }
        // the test limit is 3 failures: the account is locked, for changing the password and for signing in
        assertThat(code(thief.query(CHANGE_PASSWORD, Map.of("current", PASSWORD, "new", "the thief's passphrase")), "changePassword"),
                is("ACCOUNT_LOCKED"));
        assertThat(code(login("guessed@example.com", PASSWORD)), is("ACCOUNT_LOCKED"));
        assertThat(storedHash("guessed@example.com"), is(hashBefore));
        assertThat("sessions survive failed attempts", errors(refresh(string(session, "data.login.refreshToken")), "refreshSession"),
                is(List.of()));
    }

    private JsonObject register(String email) {
        return client.query(REGISTER, Map.of("input", Map.of("email", email, "password", PASSWORD, "name", "Session Tester")));
    }

    private JsonObject login(String email, String password) {
        return client.query(LOGIN, Map.of("email", email, "password", password));
    }

    private JsonObject refresh(String refreshToken) {
        return client.query(REFRESH, Map.of("t", refreshToken));
    }

    private JsonObject logout(String refreshToken) {
        return client.query(LOGOUT, Map.of("t", refreshToken));
    }

    private static String unknownToken() {
        return (UUID.randomUUID().toString().replace("-", "") + "abcdefghijk").substring(0, 43);
    }

    private static String code(JsonObject response) {
        return code(response, rootField(response));
    }

    private static String code(JsonObject response, String mutation) {
        return string(response, "data." + mutation + ".userErrors.0.code");
    }

    private static String rootField(JsonObject response) {
        return response.getJsonObject("data").keySet().iterator().next();
    }

    private static List<String> errors(JsonObject response, String mutation) {
        JsonValue userErrors = at(response, "data." + mutation + ".userErrors");
        if (userErrors == JsonValue.NULL) {
            throw new AssertionError("no " + mutation + " payload: " + response);
        }
        return userErrors.asJsonArray().stream()
                .map(e -> string(e, "code") + " " + at(e, "field") + " " + string(e, "message"))
                .toList();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every column of the account's refresh_tokens rows, joined with '|', the hash first. */
    private static List<String> storedTokenRows(String email) throws Exception {
        try (Connection c = database();
             PreparedStatement s = c.prepareStatement("SELECT t.* FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ?")) {
            s.setString(1, email);
            try (ResultSet rows = s.executeQuery()) {
                List<String> result = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    StringBuilder row = new StringBuilder(rows.getString("token_hash"));
                    for (int i = 1; i <= columns; i++) {
                        row.append('|').append(rows.getString(i));
                    }
                    result.add(row.toString());
                }
                return result;
            }
        }
    }

    private static String storedHash(String email) throws Exception {
        try (Connection c = database();
             PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static Connection database() throws Exception {
        // FreshDatabaseExtension put this class's database into these properties
        return DriverManager.getConnection(System.getProperty("db.connection.url"),
                System.getProperty("db.connection.username"), System.getProperty("db.connection.password", ""));
    }
}
