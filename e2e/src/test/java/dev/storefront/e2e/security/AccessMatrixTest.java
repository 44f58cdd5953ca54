package dev.storefront.e2e.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.storefront.e2e.StackExtension;
import dev.storefront.e2e.StorefrontStack;
import dev.storefront.e2e.security.AccessPolicy.Access;
import dev.storefront.e2e.security.AccessPolicy.Entry;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The access matrix, generated from the schema: every Query and Mutation field of the checked-in
 * supergraph must be classified in {@code access-policy.properties} (an unclassified field fails,
 * named), and every protected field is called through the gateway of a running stack with each
 * kind of caller:
 * <ul>
 *     <li>refused, with an error and no data for the field: no token, an expired token, a token
 *     signed by another key, a token for another audience (all refused as not authenticated), a
 *     customer's token on an ADMIN field and another customer's token on an OWNER field (refused
 *     as access denied);</li>
 *     <li>served: the owner's token (OWNER), any customer's (AUTHENTICATED), an admin's (all).</li>
 * </ul>
 * Real tokens come from the {@code login} mutation with the demo accounts; the bad ones are made
 * from real ones by {@link ForgedTokens}. Fields marked {@code pending} are run and reported but
 * never fail the build (their cases show as aborted until the service enforces them).
 *
 * <p>Runs on the e2e stack the other e2e classes share: the sample calls use demo data none of
 * them asserts on, and an order and addresses the matrix adds for itself (see access-policy.properties).
 */
class AccessMatrixTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();

    private static final String POLICY = "access-policy.properties";
    /** Development password of the demo customers (users/README.md). */
    private static final String DEMO_CUSTOMER_PASSWORD = "storefront-demo";
    private static final String DEFAULT_SIGNED_IN = "ada@example.com";
    private static final String A_CUSTOMER = "barbara@example.com";
    /** A PENDING order of alan's the matrix adds for the admin's cancelOrder: every seeded cancellable order is taken. */
    private static final String MATRIX_ORDER = "order-access-matrix";
    /** Tokens of two anonymous carts the matrix adds for mergeCart (43 base64url characters, as the service hands out). */
    private static final String[] MATRIX_CART_TOKENS = {"accessMatrixAnonymousCartOfTheCustomer00000",
            "accessMatrixAnonymousCartOfTheAdmin00000000"};

    private static final Path HOME = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> OUTCOMES = new LinkedHashMap<>();

    private static String gateway;
    private static ForgedTokens forged;
    private static String adminEmail;
    private static String adminPassword;
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @BeforeAll
    static void readAdminAccount() throws IOException {
        // the initial admin and its development password, as the users service is configured locally
        Properties users = new Properties();
        try (var in = Files.newInputStream(HOME.resolve("users/src/main/resources/META-INF/microprofile-config.properties"))) {
            users.load(in);
        }
        adminEmail = users.getProperty("users.admin.email");
        adminPassword = users.getProperty("users.admin.password");
    }

    @AfterAll
    static void removeTheCreatedProduct() throws Exception {
        if (STACK.stack() == null) {
            return;
        }
        // its generated id may sort among the first demo products, which other classes page through
        String sku = AccessPolicy.load(POLICY).entries().get("Mutation.createProduct").variables()
                .getJsonObject("input").getString("sku");
        STACK.stack().execute("products", "DELETE FROM products WHERE sku = '" + sku + "'");
    }

    @AfterAll
    static void report() {
        if (!OUTCOMES.isEmpty()) {
            StringBuilder table = new StringBuilder("Access matrix outcomes:\n");
            OUTCOMES.forEach((check, outcome) -> table.append(String.format("  %-70s %s%n", check, outcome)));
            System.out.print(table);
        }
    }

    @Test
    void everyQueryAndMutationFieldIsClassified() throws IOException {
        AccessPolicy policy = AccessPolicy.load(POLICY);
        SupergraphFields schema = SupergraphFields.parse(Files.readString(HOME.resolve("supergraph/supergraph.graphql")));
        List<String> problems = new ArrayList<>(policy.problems());
        for (String field : schema.rootFields()) {
            if (!policy.entries().containsKey(field)) {
                problems.add(field + " is not classified: add '" + field + " = PUBLIC | AUTHENTICATED | OWNER | ADMIN'"
                        + " (with a sample operation unless PUBLIC) to e2e/src/test/resources/" + POLICY);
            }
        }
        for (String field : policy.entries().keySet()) {
            if (!schema.has(field)) {
                problems.add(field + " is classified but not in supergraph/supergraph.graphql: remove or rename it");
            }
        }
        assertTrue(schema.rootFields().size() > 0, "no Query or Mutation fields found in the supergraph");
        if (!problems.isEmpty()) {
            fail("Access policy and schema disagree:\n  " + String.join("\n  ", problems));
        }
    }

    @TestFactory
    Stream<DynamicContainer> protectedFieldsThroughTheGateway() throws Exception {
        AccessPolicy policy = AccessPolicy.load(POLICY);
        if (!policy.problems().isEmpty()) {
            fail("Fix the access policy first:\n  " + String.join("\n  ", policy.problems()));
        }
        StorefrontStack stack = STACK.stack();
        gateway = stack.gatewayUrl();
        addMatrixOrder(stack);
        addMatrixAddresses(stack);
        // the users service creates its development key when it first signs a token
        token(adminEmail);
        forged = ForgedTokens.withDevelopmentKeyIn(stack.usersSigningKeyDirectory());

        List<DynamicContainer> fields = new ArrayList<>();
        int checks = 0;
        int pendingChecks = 0;
        for (Entry entry : policy.entries().values()) {
            if (entry.access() == Access.PUBLIC) {
                continue;
            }
            List<DynamicTest> cases = casesFor(entry);
            checks += cases.size();
            pendingChecks += entry.pending() ? cases.size() : 0;
            fields.add(DynamicContainer.dynamicContainer(entry.field() + " (" + entry.access()
                    + (entry.pending() ? ", pending" : "") + ")", cases));
        }
        long publicFields = policy.entries().values().stream().filter(e -> e.access() == Access.PUBLIC).count();
        System.out.printf("Access matrix: %d protected fields, %d checks in all (fields x their cases), %d of them pending;"
                + " %d public fields not run%n", fields.size(), checks, pendingChecks, publicFields);
        return fields.stream();
    }

    /** The cases of one field, successes first: a refusal that is not enforced yet would change the data they use. */
    private List<DynamicTest> casesFor(Entry entry) {
        String signedIn = entry.owner() == null ? DEFAULT_SIGNED_IN : entry.owner();
        // forged tokens are made from the strongest real token the field accepts, so only the forgery is wrong
        String base = entry.access() == Access.ADMIN ? adminEmail : signedIn;
        List<DynamicTest> cases = new ArrayList<>();
        if (entry.access() != Access.ADMIN) {
            String who = entry.access() == Access.OWNER ? "the owner (" + signedIn + ")" : "a signed-in customer (" + signedIn + ")";
            cases.add(served(entry, who + " is served", () -> token(signedIn), entry.variables()));
        }
        cases.add(served(entry, "an admin is served", () -> token(adminEmail),
                entry.adminVariables() != null ? entry.adminVariables() : entry.variables()));
        cases.add(refused(entry, "no token is refused", () -> null, Refusal.NOT_AUTHENTICATED));
        cases.add(refused(entry, "an expired token is refused", () -> forged.expired(token(base)), Refusal.NOT_AUTHENTICATED));
        cases.add(refused(entry, "a token signed by another key is refused", () -> forged.signedByAnotherKey(token(base)),
                Refusal.NOT_AUTHENTICATED));
        cases.add(refused(entry, "a token for another audience is refused", () -> forged.forAnotherAudience(token(base)),
                Refusal.NOT_AUTHENTICATED));
        if (entry.access() == Access.OWNER) {
            cases.add(refused(entry, "another customer (" + entry.nonOwner() + ") is refused", () -> token(entry.nonOwner()),
                    Refusal.ACCESS_DENIED));
        }
        if (entry.access() == Access.ADMIN) {
            cases.add(refused(entry, "a customer (" + A_CUSTOMER + ") is refused", () -> token(A_CUSTOMER), Refusal.ACCESS_DENIED));
        }
        return cases;
    }

    private DynamicTest served(Entry entry, String name, TokenSource tokens, JsonObject variables) {
        return DynamicTest.dynamicTest(name, () -> {
            String token = tokens.token();
            JsonObject prepared = prepare(entry, orEmpty(variables), token);
            StorefrontStack.Answer answer = StorefrontStack.graphqlAnswer(gateway, entry.operation(), prepared, token);
            List<String> wrong = new ArrayList<>();
            if (answer.body().containsKey("errors")) {
                wrong.add("errors " + answer.body().get("errors"));
            }
            JsonValue data = at(answer.body(), "data." + entry.path());
            if (data == JsonValue.NULL) {
                wrong.add("no data at " + entry.path());
            }
            JsonValue userErrors = at(answer.body(), "data." + entry.path().split("\\.")[0] + ".userErrors");
            if (userErrors instanceof JsonArray errors && !errors.isEmpty()) {
                wrong.add("userErrors " + errors + " (pick sample data the call succeeds with)");
            }
            record(entry, name, wrong.isEmpty() ? null : "expected to be served, got HTTP " + answer.status()
                    + ": " + String.join("; ", wrong));
        });
    }

    private DynamicTest refused(Entry entry, String name, TokenSource tokens, Refusal expected) {
        return DynamicTest.dynamicTest(name, () -> {
            StorefrontStack.Answer answer = StorefrontStack.graphqlAnswer(gateway, entry.operation(), orEmpty(entry.variables()),
                    tokens.token());
            List<String> wrong = new ArrayList<>();
            JsonValue data = at(answer.body(), "data." + entry.path());
            if (data != JsonValue.NULL) {
                wrong.add("data at " + entry.path() + ": " + data);
            }
            JsonValue errors = answer.body().get("errors");
            if (!(errors instanceof JsonArray list) || list.stream().noneMatch(expected::matches)) {
                wrong.add("no '" + expected.description + "' error, errors: " + errors);
            }
            record(entry, name, wrong.isEmpty() ? null : "expected a refusal, got HTTP " + answer.status()
                    + ": " + String.join("; ", wrong));
        });
    }

    /**
     * Run the entry's {@code prepare} document as the caller about to be served, and put the values
     * it answered into the variables ({@code "$prepared.<path>"}, a path in its data).
     */
    private static JsonObject prepare(Entry entry, JsonObject variables, String token) throws IOException, InterruptedException {
        if (entry.prepare() == null) {
            return variables;
        }
        StorefrontStack.Answer answer = StorefrontStack.graphqlAnswer(gateway, entry.prepare(), JsonValue.EMPTY_JSON_OBJECT, token);
        if (answer.body().containsKey("errors")) {
            fail(entry.field() + ": its .prepare document failed: " + answer.body());
        }
        return (JsonObject) fillIn(variables, answer.body().getJsonObject("data"), entry);
    }

    private static JsonValue fillIn(JsonValue value, JsonObject prepared, Entry entry) {
        if (value instanceof JsonString text && text.getString().startsWith("$prepared.")) {
            JsonValue found = at(prepared, text.getString().substring("$prepared.".length()));
            if (found == JsonValue.NULL) {
                fail(entry.field() + ": its .prepare answer has nothing at " + text.getString() + ": " + prepared);
            }
            return found;
        }
        if (value instanceof JsonObject object) {
            var copy = jakarta.json.Json.createObjectBuilder();
            object.forEach((key, inner) -> copy.add(key, fillIn(inner, prepared, entry)));
            return copy.build();
        }
        return value;
    }

    /** Pass, fail, or (for a pending field) abort with the mismatch, and remember the outcome for the report. */
    private static void record(Entry entry, String name, String mismatch) {
        String check = entry.field() + ": " + name;
        if (mismatch == null) {
            OUTCOMES.put(check, entry.pending() ? "ok (pending field already behaves: flip it)" : "ok");
            return;
        }
        if (entry.pending()) {
            OUTCOMES.put(check, "PENDING: " + mismatch);
            throw new TestAbortedException("pending (not enforced yet): " + mismatch);
        }
        OUTCOMES.put(check, "FAILED: " + mismatch);
        fail(check + ": " + mismatch);
    }

    /** A real token per account, signed in once through the gateway. */
    private static String token(String email) throws IOException, InterruptedException {
        String known = TOKENS.get(email);
        if (known != null) {
            return known;
        }
        String token = StorefrontStack.login(gateway, email, email.equals(adminEmail) ? adminPassword : DEMO_CUSTOMER_PASSWORD);
        TOKENS.put(email, token);
        return token;
    }

    /**
     * Add {@link #MATRIX_ORDER}, shaped like the seeded order-4 (PENDING, nothing reserved or paid
     * yet, no recovery deadline, so recovery leaves it alone), to the stack's orders database.
     */
    private static void addMatrixOrder(StorefrontStack stack) throws Exception {
        // and the anonymous carts the customer's and the admin's mergeCart take in (tokens as in access-policy.properties)
        for (String[] cart : new String[][] {{"cart-matrix-customer", MATRIX_CART_TOKENS[0]}, {"cart-matrix-admin", MATRIX_CART_TOKENS[1]}}) {
            stack.execute("orders", "INSERT INTO carts (id, user_id, token_hash, created_at, updated_at) VALUES ('" + cart[0]
                    + "', NULL, SHA2('" + cart[1] + "', 256), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
        }
        stack.execute("orders", "INSERT INTO orders (id, user_id, status, total_minor, currency, created_at, updated_at)"
                + " VALUES ('" + MATRIX_ORDER + "', 'user-3', 'PENDING', 4599, 'EUR', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
        stack.execute("orders", "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_minor, currency)"
                + " VALUES ('" + MATRIX_ORDER + "', 1, 'prod-05', 1, 4599, 'EUR')");
        stack.execute("orders", "INSERT INTO order_status_changes (order_id, status, reason, changed_at)"
                + " VALUES ('" + MATRIX_ORDER + "', 'PENDING', 'Order placed', UTC_TIMESTAMP(3))");
    }

    /**
     * Add ada's (user-1) adr-matrix-1 (default) and -2 and the admin's (user-5) adr-matrix-3 (default)
     * and -4 to the stack's users database, for the address mutations' owner and admin calls.
     */
    private static void addMatrixAddresses(StorefrontStack stack) throws Exception {
        stack.execute("users", "INSERT INTO addresses (id, user_id, recipient, line1, line2, city, postal_code, country, phone,"
                + " is_default, seq_no, created_at, updated_at) VALUES"
                + " ('adr-matrix-1', 'user-1', 'Ada Lovelace', '12 St James''s Square', NULL, 'London', 'SW1Y 4JH', 'GB', NULL,"
                + " 1, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),"
                + " ('adr-matrix-2', 'user-1', 'Ada at work', '1 Analytical Row', NULL, 'London', 'EC1A 1BB', 'GB', NULL,"
                + " NULL, 2, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),"
                + " ('adr-matrix-3', 'user-5', 'Store Admin', '1 Admin Street', NULL, 'Berlin', '10117', 'DE', NULL,"
                + " 1, 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),"
                + " ('adr-matrix-4', 'user-5', 'Store Admin (old)', '2 Admin Street', NULL, 'Berlin', '10117', 'DE', NULL,"
                + " NULL, 2, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    }

    private static JsonObject orEmpty(JsonObject variables) {
        return variables == null ? JsonValue.EMPTY_JSON_OBJECT : variables;
    }

    /**
     * A value at a dotted path of a response, {@code JsonValue.NULL} where any step is missing or null.
     *
     * @param json response
     * @param path e.g. {@code data.user.orders}
     * @return the value
     */
    static JsonValue at(JsonValue json, String path) {
        JsonValue current = json;
        for (String step : path.split("\\.")) {
            if (!(current instanceof JsonObject object) || !object.containsKey(step)) {
                return JsonValue.NULL;
            }
            current = object.get(step);
        }
        return current;
    }

    /** The refusal a case expects, recognised from the gateway's or a subgraph's error. */
    private enum Refusal {
        /** the gateway's 401 error (code UNAUTHENTICATED) or a subgraph's "Not authenticated: ..." */
        NOT_AUTHENTICATED("not authenticated", "UNAUTHENTICATED", "Not authenticated"),
        /** a subgraph's "Access denied: ..." */
        ACCESS_DENIED("access denied", "FORBIDDEN", "Access denied");

        private final String description;
        private final String code;
        private final String messagePrefix;

        Refusal(String description, String code, String messagePrefix) {
            this.description = description;
            this.code = code;
            this.messagePrefix = messagePrefix;
        }

        boolean matches(JsonValue error) {
            return at(error, "message") instanceof JsonString message && message.getString().startsWith(messagePrefix)
                    || at(error, "extensions.code") instanceof JsonString errorCode && errorCode.getString().equals(code);
        }
    }

    @FunctionalInterface
    private interface TokenSource {
        String token() throws Exception;
    }
}
