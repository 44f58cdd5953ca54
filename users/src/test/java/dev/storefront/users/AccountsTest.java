package dev.storefront.users;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

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
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Registering and signing in over real HTTP against a fresh database: typed userErrors for each
 * failure, passwords never echoed or stored in clear, lockouts per email and per client address
 * (thresholds from the test configuration: 3 per account, 4 per address, 2 s lockouts).
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
// an administrator that does not exist yet: the bootstrap must create it (normalising the email)
@AddConfig(key = "users.admin.email", value = " Root@Storefront.Test ")
@AddConfig(key = "users.admin.name", value = "Root Admin")
class AccountsTest {

    private static final String REGISTER = "mutation($input: RegisterInput!) { register(input: $input) {"
            + " token expiresAt user { id email name role createdAt } userErrors { field code message } } }";

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer();
    }

    @Test
    void registerCreatesANormalisedCustomerAndSignsItIn() {
        JsonObject response = register("  New.Person@Example.COM ", "a fine long passphrase", "  New Person ");
        assertThat(response.toString(), at(response, "data.register.userErrors").toString(), is("[]"));
        assertThat(string(response, "data.register.user.email"), is("new.person@example.com"));
        assertThat(string(response, "data.register.user.name"), is("New Person"));
        assertThat(string(response, "data.register.user.role"), is("CUSTOMER"));
        assertThat(string(response, "data.register.user.id"), startsWith("user-"));
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(string(response, "data.register.expiresAt")));
        assertThat("access tokens live 15 minutes (users.jwt.token-lifetime)", lifetime.toMinutes() >= 14 && lifetime.toMinutes() <= 15, is(true));

        JsonObject me = client.withBearer(string(response, "data.register.token")).query("{ me { id email } }");
        assertThat(string(me, "data.me.id"), is(string(response, "data.register.user.id")));

        JsonObject again = Sessions.login(client, "NEW.PERSON@example.com", "a fine long passphrase");
        assertThat(string(again, "data.login.user.id"), is(string(response, "data.register.user.id")));
    }

    @Test
    void registerExplainsEveryProblemWithItsField() {
        JsonObject response = register("not-an-email", "short", " ");
        assertThat(at(response, "data.register.token"), is(JsonValue.NULL));
        assertThat(at(response, "data.register.user"), is(JsonValue.NULL));
        assertThat(errors(response, "register"), is(List.of(
                "INVALID_EMAIL [\"input\",\"email\"] Enter an email address such as name@example.com",
                "WEAK_PASSWORD [\"input\",\"password\"] Password must be at least 10 characters long",
                "INVALID_NAME [\"input\",\"name\"] Enter a name of 1 to 200 characters")));

        assertThat(errors(register("pat@example.com", "Password123", "Pat"), "register"), is(List.of(
                "WEAK_PASSWORD [\"input\",\"password\"] Password is too common; choose one that is harder to guess")));
        assertThat(errors(register("patricia@example.com", "patricia-2026!", "Pat"), "register"), is(List.of(
                "WEAK_PASSWORD [\"input\",\"password\"] Password must not contain your email address")));
    }

    @Test
    void anEmailCanHaveOnlyOneAccountWhateverItsCase() {
        assertThat(errors(register(" ADA@example.com", "another long passphrase", "Ada Again"), "register"), is(List.of(
                "EMAIL_TAKEN [\"input\",\"email\"] An account with this email address already exists; sign in instead")));
    }

    @Test
    void passwordsAreNeverReturnedNorStoredInClear() throws Exception {
        String password = "unmistakable-secret-4711";
        List<String> bodies = new ArrayList<>();
        JsonObject registered = register("keeper@example.com", password, "Keeper");
        bodies.add(registered.toString());
        bodies.add(Sessions.login(client, "keeper@example.com", password).toString());
        bodies.add(Sessions.login(client, "keeper@example.com", password + "x").toString());
        bodies.add(client.withBearer(string(registered, "data.register.token")).query("{ me { id email name role createdAt } }").toString());
        bodies.forEach(body -> assertThat(body, not(containsString("unmistakable"))));

        String stored = storedHash("keeper@example.com");
        assertThat(stored, startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        assertThat(stored, not(containsString(password)));

        String sdl = string(client.query("{ _service { sdl } }"), "data._service.sdl");
        assertThat(sdl.toLowerCase(), not(containsString("hash")));
    }

    @Test
    void demoCustomersSignInWithTheDevelopmentPassword() {
        JsonObject response = Sessions.login(client, " Ada@Example.com ", Sessions.DEMO_PASSWORD);
        assertThat(at(response, "data.login.userErrors").toString(), is("[]"));
        assertThat(string(response, "data.login.user.id"), is("user-1"));
        assertThat(string(response, "data.login.token"), not(nullValue()));
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailFailAlike() {
        JsonObject wrongPassword = Sessions.login(client, "grace@example.com", "not her password");
        JsonObject unknownEmail = Sessions.login(client, "nobody@example.com", "not her password");
        assertThat(at(wrongPassword, "data.login").toString(), is(at(unknownEmail, "data.login").toString()));
        assertThat(errors(wrongPassword, "login"), is(List.of("INVALID_CREDENTIALS [] The email address or password is incorrect")));
        assertThat(at(wrongPassword, "data.login.token"), is(JsonValue.NULL));
    }

    @Test
    void anAccountLocksAfterRepeatedFailuresAndUnlocksLater() throws Exception {
        register("locked@example.com", "the right passphrase", "Locked");
        for (int i = 0; i < 3; i++) {
            assertThat(code(Sessions.login(client, "locked@example.com", "wrong passphrase " + i)), is("INVALID_CREDENTIALS"));
        }
        JsonObject locked = Sessions.login(client, "locked@example.com", "the right passphrase");
        assertThat(code(locked), is("ACCOUNT_LOCKED"));
        assertThat(string(locked, "data.login.userErrors.0.message"), startsWith("Too many failed sign-in attempts for this email address; try again in"));
        assertThat(at(locked, "data.login.token"), is(JsonValue.NULL));

        // an email without an account locks the same way, so lockouts reveal nothing
        for (int i = 0; i < 3; i++) {
            Sessions.login(client, "ghost@example.com", "guess " + i);
        }
        assertThat(code(Sessions.login(client, "ghost@example.com", "guess 4")), is("ACCOUNT_LOCKED"));

        Thread.sleep(2100);
        assertThat(at(Sessions.login(client, "locked@example.com", "the right passphrase"), "data.login.userErrors").toString(), is("[]"));
    }

    @Test
    void aSuccessfulSignInResetsTheAccountsFailures() {
        register("forgetful@example.com", "the right passphrase", "Forgetful");
        for (int round = 0; round < 2; round++) {
            Sessions.login(client, "forgetful@example.com", "wrong one");
            Sessions.login(client, "forgetful@example.com", "wrong two");
            assertThat(at(Sessions.login(client, "forgetful@example.com", "the right passphrase"), "data.login.userErrors").toString(), is("[]"));
        }
    }

    @Test
    void aClientAddressLocksAfterFailuresAcrossAccounts() {
        GraphQlClient attacker = client.withHeader("X-Forwarded-For", "203.0.113.7");
        for (int i = 0; i < 4; i++) {
            assertThat(code(Sessions.login(attacker, "target" + i + "@example.com", "guess")), is("INVALID_CREDENTIALS"));
        }
        JsonObject blocked = Sessions.login(attacker, "alan@example.com", Sessions.DEMO_PASSWORD);
        assertThat(code(blocked), is("TOO_MANY_ATTEMPTS"));
        assertThat(at(blocked, "data.login.token"), is(JsonValue.NULL));

        GraphQlClient someoneElse = client.withHeader("X-Forwarded-For", "203.0.113.8");
        assertThat(at(Sessions.login(someoneElse, "alan@example.com", Sessions.DEMO_PASSWORD), "data.login.userErrors").toString(), is("[]"));
    }

    @Test
    void aClientAddressMayRegisterOnlySoOften() throws Exception {
        GraphQlClient signUpBot = client.withHeader("X-Forwarded-For", "203.0.113.20");
        // every attempt counts (the test limit is 3): a new account, a taken address, another account
        assertThat(errors(registerAs(signUpBot, "bot-1@example.com"), "register"), is(List.of()));
        assertThat(string(registerAs(signUpBot, "bot-1@example.com"), "data.register.userErrors.0.code"), is("EMAIL_TAKEN"));
        assertThat(errors(registerAs(signUpBot, "bot-2@example.com"), "register"), is(List.of()));

        JsonObject refused = registerAs(signUpBot, "bot-3@example.com");
        assertThat(string(refused, "data.register.userErrors.0.code"), is("TOO_MANY_ATTEMPTS"));
        assertThat(string(refused, "data.register.userErrors.0.message"), startsWith("Too many sign-ups from your network; try again in"));
        assertThat(at(refused, "data.register.token"), is(JsonValue.NULL));
        assertThat("no account was made", storedHash("bot-3@example.com"), is((String) null));
        // nor can it probe which addresses have accounts
        assertThat(string(registerAs(signUpBot, "ada@example.com"), "data.register.userErrors.0.code"), is("TOO_MANY_ATTEMPTS"));

        GraphQlClient someoneElse = client.withHeader("X-Forwarded-For", "203.0.113.21");
        assertThat(errors(registerAs(someoneElse, "human@example.com"), "register"), is(List.of()));
        Thread.sleep(2100);
        assertThat("the lockout (2 s in tests) ends", errors(registerAs(signUpBot, "bot-3@example.com"), "register"), is(List.of()));
    }

    private static JsonObject registerAs(GraphQlClient client, String email) {
        return client.query(REGISTER, Map.of("input", Map.of("email", email, "password", "a fine long passphrase", "name", "Bot")));
    }

    @Test
    void theAdministratorIsBootstrappedFromConfiguration() throws Exception {
        JsonObject response = Sessions.login(client, "root@storefront.test", Sessions.ADMIN_PASSWORD);
        assertThat(string(response, "data.login.user.email"), is("root@storefront.test"));
        assertThat(string(response, "data.login.user.role"), is("ADMIN"));
        assertThat(storedHash("root@storefront.test"), startsWith("$argon2id$"));
        // registration never makes admins
        assertThat(string(register("wannabe@example.com", "i am the admin now", "Wannabe"), "data.register.user.role"), is("CUSTOMER"));
    }

    private JsonObject register(String email, String password, String name) {
        return client.query(REGISTER, Map.of("input", Map.of("email", email, "password", password, "name", name)));
    }

    private static String code(JsonObject response) {
        return string(response, "data.login.userErrors.0.code");
    }

    private static List<String> errors(JsonObject response, String mutation) {
        return at(response, "data." + mutation + ".userErrors").asJsonArray().stream()
                .map(e -> string(e, "code") + " " + at(e, "field") + " " + string(e, "message"))
                .toList();
    }

    private static String storedHash(String email) throws Exception {
        // FreshDatabaseExtension put this class's database into these properties
        try (Connection c = DriverManager.getConnection(System.getProperty("db.connection.url"),
                System.getProperty("db.connection.username"), System.getProperty("db.connection.password", ""));
             PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
