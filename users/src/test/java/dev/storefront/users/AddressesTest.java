package dev.storefront.users;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.users.auth.TokenIssuer;
import dev.storefront.users.domain.Role;
import dev.storefront.users.domain.User;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
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
import static org.hamcrest.Matchers.startsWith;

/**
 * Shipping addresses: validation (a code and a field path per field), the default invariant
 * (first is default, removing the default promotes the oldest, setDefault moves it), the limit of
 * 20, concurrent calls (checked in the database afterwards), who may read and change them, and the
 * internal endpoint the orders checkout reads them through.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class AddressesTest {

    private static final String FIELDS = "id recipient line1 line2 city postalCode country phone isDefault";
    private static final String ADD = "mutation($input: AddressInput!, $makeDefault: Boolean) {"
            + " addAddress(input: $input, makeDefault: $makeDefault) { address { " + FIELDS + " } userErrors { field code message } } }";
    private static final String UPDATE = "mutation($id: ID!, $input: AddressInput!) {"
            + " updateAddress(id: $id, input: $input) { address { " + FIELDS + " } userErrors { field code message } } }";
    private static final String REMOVE = "mutation($id: ID!) { removeAddress(id: $id) { removedAddressId userErrors { field code message } } }";
    private static final String SET_DEFAULT = "mutation($id: ID!) {"
            + " setDefaultAddress(id: $id) { address { id isDefault } userErrors { field code message } } }";
    private static final String MY_ADDRESSES = "{ me { addresses { id recipient isDefault } } }";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    @Inject
    TokenIssuer tokens;

    private GraphQlClient anonymous;

    @BeforeEach
    void connect() {
        anonymous = GraphQlClient.forRunningServer();
    }

    @Test
    void aValidAddressIsStoredTrimmedWithTheCountryUpperCased() {
        Account ada = newAccount();
        JsonObject added = ada.client.query(ADD, Map.of("input", Map.of("recipient", "  Ada Lovelace ", "line1", " 12 St James's Square ",
                "line2", "   ", "city", "London", "postalCode", " SW1Y 4JH ", "country", " gb ", "phone", "")));
        assertThat(added.toString(), at(added, "data.addAddress.userErrors").asJsonArray().size(), is(0));
        JsonObject address = at(added, "data.addAddress.address").asJsonObject();
        assertThat(address.getString("id"), startsWith("adr_"));
        assertThat(address.toString(), is("{\"id\":\"" + address.getString("id") + "\",\"recipient\":\"Ada Lovelace\","
                + "\"line1\":\"12 St James's Square\",\"line2\":null,\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\","
                + "\"country\":\"GB\",\"phone\":null,\"isDefault\":true}"));
        // what is read back equals what the mutation answered
        JsonObject listed = ada.client.query("{ me { addresses { " + FIELDS + " } } }");
        assertThat(at(listed, "data.me.addresses").toString(), is("[" + address + "]"));
        // non-ASCII text survives the round trip
        JsonObject unicode = ada.client.query(ADD, Map.of("input", valid(Map.of("recipient", "Zoë Ødegård-Łukasiewicz", "city", "Kraków",
                "line2", "Apartment 4, 2nd floor", "phone", "+48 (12) 345-67-89"))));
        assertThat(string(unicode, "data.addAddress.address.recipient"), is("Zoë Ødegård-Łukasiewicz"));
        assertThat(string(unicode, "data.addAddress.address.city"), is("Kraków"));
        assertThat(string(unicode, "data.addAddress.address.line2"), is("Apartment 4, 2nd floor"));
        assertThat(string(unicode, "data.addAddress.address.phone"), is("+48 (12) 345-67-89"));
    }

    @Test
    void everyFieldIsValidatedWithItsCodeAndPath() throws SQLException {
        Account ada = newAccount();
        Map<String, List<Object>> bad = new LinkedHashMap<>();
        bad.put("recipient", List.of("", "   ", "x".repeat(101), "Ada\nLovelace"));
        bad.put("line1", List.of("", "x".repeat(201), "Main\tStreet 1"));
        bad.put("line2", List.of("x".repeat(201), "Floor\u00002"));
        bad.put("city", List.of(" ", "x".repeat(101)));
        bad.put("postalCode", List.of("", "-", "12345678901234567890X", "SW1Y_4JH", "10115!"));
        bad.put("country", List.of("", "XX", "DEU", "Germany", "d"));
        bad.put("phone", List.of("123", "x".repeat(31), "+49 30 1234567 ext. 5", "1".repeat(31)));
        Map<String, String> codes = Map.of("recipient", "INVALID_RECIPIENT", "line1", "INVALID_LINE1", "line2", "INVALID_LINE2",
                "city", "INVALID_CITY", "postalCode", "INVALID_POSTAL_CODE", "country", "INVALID_COUNTRY", "phone", "INVALID_PHONE");
        List<String> wrong = new ArrayList<>();
        bad.forEach((field, values) -> {
            for (Object value : values) {
                JsonObject response = ada.client.query(ADD, Map.of("input", valid(Map.of(field, value))));
                String expected = "[{\"field\":[\"input\",\"" + field + "\"],\"code\":\"" + codes.get(field) + "\"";
                JsonValue errors = at(response, "data.addAddress.userErrors");
                if (!errors.toString().startsWith(expected) || errors.asJsonArray().size() != 1
                        || at(response, "data.addAddress.address") != JsonValue.NULL) {
                    wrong.add(field + "=" + value + " -> " + response);
                }
            }
        });
        assertThat(String.join("\n", wrong), wrong.isEmpty(), is(true));
        assertThat(string(ada.client.query(ADD, Map.of("input", valid(Map.of("postalCode", "1")))), "data.addAddress.address.postalCode"),
                is("1"));

        // every field wrong at once: every problem reported, in field order
        JsonObject allWrong = ada.client.query(ADD, Map.of("input", Map.of("recipient", "", "line1", "", "line2", "x".repeat(201),
                "city", "", "postalCode", "#", "country", "ZZ", "phone", "abc")));
        List<String> reported = at(allWrong, "data.addAddress.userErrors").asJsonArray().stream()
                .map(e -> string(e, "code") + " " + at(e, "field")).toList();
        assertThat(reported, is(List.of("INVALID_RECIPIENT [\"input\",\"recipient\"]", "INVALID_LINE1 [\"input\",\"line1\"]",
                "INVALID_LINE2 [\"input\",\"line2\"]", "INVALID_CITY [\"input\",\"city\"]",
                "INVALID_POSTAL_CODE [\"input\",\"postalCode\"]", "INVALID_COUNTRY [\"input\",\"country\"]",
                "INVALID_PHONE [\"input\",\"phone\"]")));
        assertThat(string(allWrong, "data.addAddress.userErrors.5.message"),
                is("Country must be an ISO 3166-1 alpha-2 code such as DE or US; 'ZZ' is not one"));

        // the limits themselves are accepted
        JsonObject longest = ada.client.query(ADD, Map.of("input", Map.of("recipient", "é".repeat(100), "line1", "x".repeat(200),
                "line2", "y".repeat(200), "city", "z".repeat(100), "postalCode", "1".repeat(20), "country", "de",
                "phone", "1".repeat(30))));
        assertThat(longest.toString(), at(longest, "data.addAddress.userErrors").asJsonArray().size(), is(0));

        // updates are validated alike, and a refused update changes nothing
        String id = string(longest, "data.addAddress.address.id");
        JsonObject refused = ada.client.query(UPDATE, Map.of("id", id, "input", valid(Map.of("country", "EU"))));
        assertThat(at(refused, "data.updateAddress").toString(), is("{\"address\":null,\"userErrors\":[{\"field\":[\"input\",\"country\"],"
                + "\"code\":\"INVALID_COUNTRY\",\"message\":\"Country must be an ISO 3166-1 alpha-2 code such as DE or US; 'EU' is not one\"}]}"));
        assertThat(rows("SELECT country FROM addresses WHERE id = '" + id + "'"), is(List.of("DE")));
        // 1 valid postal code "1" + the longest one: nothing else was stored
        assertThat(count("SELECT COUNT(*) FROM addresses WHERE user_id = '" + ada.id + "'"), is(2));
    }

    @Test
    void theFirstAddressIsTheDefaultAndMakeDefaultMovesIt() throws SQLException {
        Account ada = newAccount();
        String first = add(ada, "First", false);
        String second = add(ada, "Second", false);
        assertThat(listed(ada), is(List.of("First*", "Second")));
        String third = add(ada, "Third", true);
        assertThat(listed(ada), is(List.of("Third*", "First", "Second")));
        // a first address is the default even when not asked for
        Account grace = newAccount();
        add(grace, "Only", false);
        assertThat(listed(grace), is(List.of("Only*")));

        JsonObject moved = ada.client.query(SET_DEFAULT, Map.of("id", second));
        assertThat(at(moved, "data.setDefaultAddress").toString(),
                is("{\"address\":{\"id\":\"" + second + "\",\"isDefault\":true},\"userErrors\":[]}"));
        assertThat(listed(ada), is(List.of("Second*", "First", "Third")));
        // setting the default that already is changes nothing
        assertThat(string(ada.client.query(SET_DEFAULT, Map.of("id", second)), "data.setDefaultAddress.address.isDefault"), is("true"));
        assertThat(listed(ada), is(List.of("Second*", "First", "Third")));
        assertThat(defaults(ada.id), is(List.of(second)));

        // updating keeps whether it is the default
        JsonObject updated = ada.client.query(UPDATE, Map.of("id", second, "input", valid(Map.of("recipient", "Second, moved"))));
        assertThat(string(updated, "data.updateAddress.address.isDefault"), is("true"));
        assertThat(string(updated, "data.updateAddress.address.recipient"), is("Second, moved"));
        JsonObject updatedOther = ada.client.query(UPDATE, Map.of("id", third, "input", valid(Map.of("recipient", "Third, moved"))));
        assertThat(string(updatedOther, "data.updateAddress.address.isDefault"), is("false"));
        assertThat(listed(ada), is(List.of("Second, moved*", "First", "Third, moved")));
        assertThat(first.equals(second), is(false));
    }

    @Test
    void removingTheDefaultMakesTheOldestRemainingOneTheDefault() throws SQLException {
        Account ada = newAccount();
        String a = add(ada, "A", false);
        String b = add(ada, "B", false);
        String c = add(ada, "C", false);
        String d = add(ada, "D", true);
        assertThat(listed(ada), is(List.of("D*", "A", "B", "C")));

        // removing one that is not the default leaves the default alone
        assertThat(at(ada.client.query(REMOVE, Map.of("id", b)), "data.removeAddress").toString(),
                is("{\"removedAddressId\":\"" + b + "\",\"userErrors\":[]}"));
        assertThat(listed(ada), is(List.of("D*", "A", "C")));
        // removing the default (the newest) promotes the oldest
        ada.client.query(REMOVE, Map.of("id", d));
        assertThat(listed(ada), is(List.of("A*", "C")));
        ada.client.query(REMOVE, Map.of("id", a));
        assertThat(listed(ada), is(List.of("C*")));
        ada.client.query(REMOVE, Map.of("id", c));
        assertThat(listed(ada), is(List.of()));
        assertThat(count("SELECT COUNT(*) FROM addresses WHERE user_id = '" + ada.id + "'"), is(0));

        // gone is gone
        assertThat(at(ada.client.query(REMOVE, Map.of("id", c)), "data.removeAddress").toString(),
                is("{\"removedAddressId\":null,\"userErrors\":[{\"field\":[\"id\"],\"code\":\"NOT_FOUND\",\"message\":"
                        + "\"You have no address with id " + c + "\"}]}"));
        // and the next address is the default again
        add(ada, "E", false);
        assertThat(listed(ada), is(List.of("E*")));
    }

    @Test
    void anotherAccountsAddressIsNotFound() throws SQLException {
        Account ada = newAccount();
        Account grace = newAccount();
        String gracesDefault = add(grace, "Grace home", false);
        String gracesOther = add(grace, "Grace office", false);
        add(ada, "Ada home", false);

        String notFound = "[{\"field\":[\"id\"],\"code\":\"NOT_FOUND\",\"message\":\"You have no address with id " + gracesOther + "\"}]";
        assertThat(at(ada.client.query(UPDATE, Map.of("id", gracesOther, "input", valid(Map.of("recipient", "Mallory")))),
                "data.updateAddress.userErrors").toString(), is(notFound));
        assertThat(at(ada.client.query(SET_DEFAULT, Map.of("id", gracesOther)), "data.setDefaultAddress.userErrors").toString(),
                is(notFound));
        assertThat(at(ada.client.query(REMOVE, Map.of("id", gracesOther)), "data.removeAddress.userErrors").toString(), is(notFound));
        // an id that exists nowhere gets the same answer: nothing to tell them apart by
        String unknown = "adr_doesnotexist";
        assertThat(at(ada.client.query(SET_DEFAULT, Map.of("id", unknown)), "data.setDefaultAddress.userErrors").toString(),
                is(notFound.replace(gracesOther, unknown)));
        // grace's addresses are untouched, and ada still has her own
        assertThat(listed(grace), is(List.of("Grace home*", "Grace office")));
        assertThat(defaults(grace.id), is(List.of(gracesDefault)));
        assertThat(listed(ada), is(List.of("Ada home*")));

        // a malformed id is a clear error at the field's path
        JsonObject malformed = ada.client.query(REMOVE, Map.of("id", "no spaces"));
        assertThat(string(malformed, "errors.0.message"), containsString("Argument 'id' is not a valid id"));
        assertThat(string(malformed, "errors.0.extensions.code"), is("BAD_USER_INPUT"));
    }

    @Test
    void anAccountKeepsAtMostTwentyAddresses() throws SQLException {
        Account ada = newAccount();
        for (int i = 1; i <= 20; i++) {
            add(ada, "Address " + i, false);
        }
        JsonObject refused = ada.client.query(ADD, Map.of("input", valid(Map.of("recipient", "Twenty-first"))));
        assertThat(at(refused, "data.addAddress").toString(), is("{\"address\":null,\"userErrors\":[{\"field\":[],"
                + "\"code\":\"TOO_MANY_ADDRESSES\",\"message\":\"An account can keep at most 20 addresses; remove one first\"}]}"));
        assertThat(count("SELECT COUNT(*) FROM addresses WHERE user_id = '" + ada.id + "'"), is(20));
        // removing one makes room again
        ada.client.query(REMOVE, Map.of("id", defaults(ada.id).get(0)));
        add(ada, "Twenty-first", false);
        assertThat(count("SELECT COUNT(*) FROM addresses WHERE user_id = '" + ada.id + "'"), is(20));
        assertThat(defaults(ada.id).size(), is(1));
    }

    @Test
    void concurrentAddsNeverPassTheLimitAndLeaveExactlyOneDefault() throws Exception {
        // a new account: racing first addresses must not make two defaults (or none)
        Account fresh = newAccount();
        List<JsonObject> firsts = concurrently(8, i -> fresh.client.query(ADD, Map.of("input", valid(Map.of("recipient", "Racer " + i)))));
        assertThat(firsts.stream().filter(r -> at(r, "data.addAddress.address") != JsonValue.NULL).count(), is(8L));
        assertThat(defaults(fresh.id).size(), is(1));
        assertThat(count("SELECT COUNT(*) FROM addresses WHERE user_id = '" + fresh.id + "'"), is(8));

        // 16 addresses, then 12 racing adds (half asking to become the default) for the last 4 places
        Account ada = newAccount();
        for (int i = 1; i <= 16; i++) {
            add(ada, "Address " + i, false);
        }
        List<JsonObject> racing = concurrently(12, i -> ada.client.query(ADD,
                Map.of("input", valid(Map.of("recipient", "Late " + i)), "makeDefault", i % 2 == 0)));
        Map<String, Integer> outcomes = new HashMap<>();
        for (JsonObject response : racing) {
            String outcome = at(response, "data.addAddress.address") != JsonValue.NULL ? "added"
                    : string(response, "data.addAddress.userErrors.0.code");
            outcomes.merge(outcome == null ? response.toString() : outcome, 1, Integer::sum);
        }
        assertThat(outcomes, is(Map.of("added", 4, "TOO_MANY_ADDRESSES", 8)));
        assertThat(count("SELECT COUNT(*) FROM addresses WHERE user_id = '" + ada.id + "'"), is(20));
        assertThat(defaults(ada.id).size(), is(1));
    }

    @Test
    void concurrentDefaultChangesLeaveExactlyOneDefault() throws Exception {
        Account ada = newAccount();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(add(ada, "Address " + i, false));
        }
        for (int round = 0; round < 3; round++) {
            List<JsonObject> answers = concurrently(10, i -> ada.client.query(SET_DEFAULT, Map.of("id", ids.get(i))));
            for (JsonObject answer : answers) {
                assertThat(answer.toString(), string(answer, "data.setDefaultAddress.address.isDefault"), is("true"));
            }
            List<String> defaults = defaults(ada.id);
            assertThat(defaults.size(), is(1));
            assertThat(ids.contains(defaults.get(0)), is(true));
        }
        // removing defaults while others set one: always exactly one default while any address is left
        List<String> toRemove = ids.subList(0, 5);
        concurrently(10, i -> i < 5
                ? ada.client.query(REMOVE, Map.of("id", toRemove.get(i)))
                : ada.client.query(SET_DEFAULT, Map.of("id", ids.get(i))));
        assertThat(count("SELECT COUNT(*) FROM addresses WHERE user_id = '" + ada.id + "'"), is(5));
        assertThat(defaults(ada.id).size(), is(1));
    }

    @Test
    void onlyTheAccountItselfOrAnAdminReadsItsAddresses() throws SQLException {
        Account ada = newAccount();
        Account grace = newAccount();
        add(ada, "Ada home", false);
        GraphQlClient admin = anonymous.withBearer(tokens.issue(
                new User("user-5", "admin@example.com", "Store Admin", Role.ADMIN, "2026-01-01T08:00:00Z")).token());

        int stored = count("SELECT COUNT(*) FROM addresses");
        // anonymous: neither the field nor any mutation
        JsonObject anonymousRead = anonymous.query(MY_ADDRESSES);
        assertThat(string(anonymousRead, "errors.0.extensions.code"), is("UNAUTHENTICATED"));
        assertThat(at(anonymousRead, "data.me"), is(JsonValue.NULL));
        for (Map.Entry<String, Map<String, Object>> mutation : Map.<String, Map<String, Object>>of(
                ADD, Map.of("input", valid(Map.of())), UPDATE, Map.of("id", "adr_x", "input", valid(Map.of())),
                REMOVE, Map.of("id", "adr_x"), SET_DEFAULT, Map.of("id", "adr_x")).entrySet()) {
            JsonObject refused = anonymous.query(mutation.getKey(), mutation.getValue());
            assertThat(refused.toString(), string(refused, "errors.0.extensions.code"), is("UNAUTHENTICATED"));
            assertThat(refused.toString(), string(refused, "errors.0.message"), startsWith("Not authenticated:"));
            assertThat(refused.toString(), at(refused, "data"), is(JsonValue.NULL));
        }
        assertThat(count("SELECT COUNT(*) FROM addresses"), is(stored));

        // an admin reads anyone's addresses
        JsonObject asAdmin = admin.query("query($id: ID!) { user(id: $id) { addresses { recipient isDefault } } }", Map.of("id", ada.id));
        assertThat(at(asAdmin, "data.user.addresses").toString(), is("[{\"recipient\":\"Ada home\",\"isDefault\":true}]"));
        // another customer reaching the field through an entity reference (as the gateway does) is refused
        String entities = "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id addresses { id } } } }";
        Map<String, Object> adaRef = Map.of("r", List.of(Map.of("__typename", "User", "id", ada.id)));
        JsonObject asGrace = grace.client.query(entities, adaRef);
        assertThat(asGrace.toString(), string(asGrace, "errors.0.message"), is("Access denied: this belongs to another account"));
        assertThat(string(asGrace, "errors.0.extensions.code"), is("FORBIDDEN"));
        assertThat(at(asGrace, "errors.0.path").toString(), is("[\"_entities\",0,\"addresses\"]"));
        assertThat(asGrace.toString().contains("Ada home"), is(false));
        // while the account itself and the admin get them that way too
        assertThat(at(ada.client.query(entities, adaRef), "data._entities.0.addresses").asJsonArray().size(), is(1));
        assertThat(at(admin.query(entities, adaRef), "data._entities.0.addresses").asJsonArray().size(), is(1));
        // and the user query refuses grace before the field
        assertThat(string(grace.client.query("query($id: ID!) { user(id: $id) { addresses { id } } }", Map.of("id", ada.id)),
                "errors.0.extensions.code"), is("FORBIDDEN"));
    }

    @Inject
    org.eclipse.microprofile.metrics.MetricRegistry metrics;

    @Test
    void theAddressesOfUsersReadTogetherAreReadWithOneStatement() {
        Account ada = newAccount();
        Account grace = newAccount();
        Account alan = newAccount();
        add(ada, "Ada home", false);
        add(ada, "Ada office", true);
        add(grace, "Grace home", false);
        GraphQlClient admin = anonymous.withBearer(tokens.issue(
                new User("user-5", "admin@example.com", "Store Admin", Role.ADMIN, "2026-01-01T08:00:00Z")).token());

        long batches = statements("addresses-of-users");
        long single = statements("addresses-of-user");
        JsonObject entities = admin.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id addresses"
                + " { recipient isDefault } } } }", Map.of("r", List.of(Map.of("__typename", "User", "id", grace.id),
                Map.of("__typename", "User", "id", ada.id), Map.of("__typename", "User", "id", alan.id))));
        assertThat(entities.toString(), at(entities, "data._entities").toString(), is("[{\"id\":\"" + grace.id
                + "\",\"addresses\":[{\"recipient\":\"Grace home\",\"isDefault\":true}]},{\"id\":\"" + ada.id
                + "\",\"addresses\":[{\"recipient\":\"Ada office\",\"isDefault\":true},{\"recipient\":\"Ada home\",\"isDefault\":false}]},"
                + "{\"id\":\"" + alan.id + "\",\"addresses\":[]}]"));
        assertThat("one statement for the three users", statements("addresses-of-users") - batches, is(1L));
        assertThat("none per user", statements("addresses-of-user") - single, is(0L));

        // a page of users too; a user read alone has a statement of its own
        JsonObject page = admin.query("{ users(first: 100) { edges { node { id addresses { recipient } } } } }");
        assertThat(page.toString(), page.containsKey("errors"), is(false));
        assertThat(statements("addresses-of-users") - batches, is(2L));
        JsonObject alone = admin.query("query($id: ID!) { user(id: $id) { addresses { recipient } } }", Map.of("id", ada.id));
        assertThat(at(alone, "data.user.addresses").toString(), is("[{\"recipient\":\"Ada office\"},{\"recipient\":\"Ada home\"}]"));
        assertThat(statements("addresses-of-user") - single, is(1L));

        // read together or not, another customer is refused someone else's addresses and gets their own
        JsonObject mixed = grace.client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id addresses"
                + " { recipient } } } }", Map.of("r", List.of(Map.of("__typename", "User", "id", ada.id),
                Map.of("__typename", "User", "id", grace.id))));
        assertThat(mixed.toString().contains("Ada"), is(false));
        assertThat(string(mixed, "errors.0.extensions.code"), is("FORBIDDEN"));
        assertThat(at(mixed, "data._entities.1.addresses").toString(), is("[{\"recipient\":\"Grace home\"}]"));
    }

    private long statements(String name) {
        return metrics.counter("db.statements", new org.eclipse.microprofile.metrics.Tag("statement", name)).getCount();
    }

    @Test
    void theInternalEndpointAnswersTheAddressOfThatAccountOnly() throws SQLException {
        Account ada = newAccount();
        Account grace = newAccount();
        JsonObject added = ada.client.query(ADD, Map.of("input", Map.of("recipient", "Ada Lovelace", "line1", "12 St James's Square",
                "city", "London", "postalCode", "SW1Y 4JH", "country", "GB", "phone", "+44 20 7946 0000")));
        String id = string(added, "data.addAddress.address.id");
        String gracesId = add(grace, "Grace home", false);

        GraphQlClient.Response found = anonymous.get("/internal/users/" + ada.id + "/addresses/" + id);
        assertThat(found.body(), found.status(), is(200));
        assertThat(found.body(), is("{\"id\":\"" + id + "\",\"recipient\":\"Ada Lovelace\",\"line1\":\"12 St James's Square\","
                + "\"line2\":null,\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\",\"phone\":\"+44 20 7946 0000\"}"));

        for (String path : List.of(
                "/internal/users/" + ada.id + "/addresses/" + gracesId,     // another account's address
                "/internal/users/" + grace.id + "/addresses/" + id,          // ...seen from the other side
                "/internal/users/" + ada.id + "/addresses/adr_unknown",     // no such address
                "/internal/users/user-404/addresses/" + id,                 // no such account
                "/internal/users/" + ada.id + "/addresses/bad%20id")) {     // malformed
            GraphQlClient.Response missing = anonymous.get(path);
            assertThat(path + " " + missing.body(), missing.status(), is(404));
            assertThat(path, missing.json().getString("code"), is("NOT_FOUND"));
        }

        // the database failing is a 503 the caller may retry, not a 500
        FreshDatabaseExtension.execute("RENAME TABLE addresses TO addresses_away");
        try {
            GraphQlClient.Response unavailable = anonymous.get("/internal/users/" + ada.id + "/addresses/" + id);
            assertThat(unavailable.body(), unavailable.status(), is(503));
            assertThat(unavailable.json().getString("code"), is("UNAVAILABLE"));
        } finally {
            FreshDatabaseExtension.execute("RENAME TABLE addresses_away TO addresses");
        }
        assertThat(anonymous.get("/internal/users/" + ada.id + "/addresses/" + id).status(), is(200));
    }

    // --- helpers ---

    /** A signed-in customer of its own, so tests never share addresses. */
    private Account newAccount() {
        String id = "addr-user-" + ACCOUNTS.incrementAndGet();
        try {
            FreshDatabaseExtension.execute("INSERT INTO users (id, email, name, role, created_at) VALUES ('" + id + "', '" + id
                    + "@example.com', 'Shopper " + id + "', 'CUSTOMER', UTC_TIMESTAMP(3))");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        User user = new User(id, id + "@example.com", "Shopper " + id, Role.CUSTOMER, "2026-01-01T00:00:00Z");
        return new Account(id, anonymous.withBearer(tokens.issue(user).token()));
    }

    /** A valid address input, with some values replaced. */
    private static Map<String, Object> valid(Map<String, Object> overrides) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("recipient", "Ada Lovelace", "line1", "Unter den Linden 1",
                "city", "Berlin", "postalCode", "10117", "country", "DE"));
        input.putAll(overrides);
        return input;
    }

    private static String add(Account account, String recipient, boolean makeDefault) {
        JsonObject response = account.client.query(ADD, Map.of("input", valid(Map.of("recipient", recipient)), "makeDefault", makeDefault));
        String id = string(response, "data.addAddress.address.id");
        if (id == null) {
            throw new AssertionError("addAddress failed: " + response);
        }
        return id;
    }

    /** The account's addresses as listed, the default marked with '*'. */
    private static List<String> listed(Account account) {
        JsonObject response = account.client.query(MY_ADDRESSES);
        JsonArray addresses = at(response, "data.me.addresses").asJsonArray();
        return addresses.stream()
                .map(a -> string(a, "recipient") + (at(a, "isDefault") == JsonValue.TRUE ? "*" : ""))
                .toList();
    }

    private static List<String> defaults(String userId) throws SQLException {
        return rows("SELECT id FROM addresses WHERE user_id = '" + userId + "' AND is_default = 1");
    }

    private static int count(String sql) throws SQLException {
        return Integer.parseInt(rows(sql).get(0));
    }

    /** First column of every row, read directly from the test's database. */
    private static List<String> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getProperty("db.connection.url"), "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** Run {@code calls} calls at once (released together) and wait for all their answers. */
    private static List<JsonObject> concurrently(int calls, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonObject>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int index = i;
                Callable<JsonObject> task = () -> {
                    start.await();
                    return call.make(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<JsonObject> answers = new ArrayList<>();
            for (Future<JsonObject> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Call {
        JsonObject make(int index);
    }

    private record Account(String id, GraphQlClient client) {
    }
}
