package dev.storefront.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

/**
 * Storefront queries through our gateway over the four real services (separate processes, real
 * MariaDB): answers that cross all four subgraphs, checked as exact JSON against the demo data;
 * batching counted from the gateway's own per-subgraph request metrics; a subgraph stopped
 * mid-test gives partial data and errors with paths while the gateway stays up; a session
 * refreshed and ended through the gateway; refusals with the subgraph's code
 * ({@code UNAUTHENTICATED}, {@code FORBIDDEN}, {@code BAD_USER_INPUT}) at their paths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorefrontThroughGatewayTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Development password of the demo customers (users/README.md). */
    private static final String DEMO_PASSWORD = "storefront-demo";

    @Test
    @Order(1)
    void aQueryAcrossAllFourSubgraphs() throws Exception {
        String gateway = STACK.stack().gatewayUrl();
        String grace = StorefrontStack.login(gateway, "grace@example.com", DEMO_PASSWORD);
        JsonObject response = StorefrontStack.graphql(gateway, """
                query Storefront {
                  products(first: 2) { edges { node { id name stock price { amountMinor currency } } } }
                  user(id: "user-2") {
                    name
                    orders(first: 5) {
                      edges { node {
                        id status total { amountMinor currency }
                        items { quantity unitPrice { amountMinor } product { id name stock } }
                        payments { id status amount { amountMinor currency } }
                      } }
                    }
                  }
                }""", Map.of(), grace);
        // a user's orders in the order they were placed
        assertThat(response.toString(), is("{\"data\":{"
                + "\"products\":{\"edges\":["
                + "{\"node\":{\"id\":\"prod-01\",\"name\":\"Trail Running Shoes\",\"stock\":25,\"price\":{\"amountMinor\":12999,\"currency\":\"EUR\"}}},"
                + "{\"node\":{\"id\":\"prod-02\",\"name\":\"Merino Wool Socks\",\"stock\":120,\"price\":{\"amountMinor\":1999,\"currency\":\"EUR\"}}}]},"
                + "\"user\":{\"name\":\"Grace Hopper\",\"orders\":{\"edges\":["
                + "{\"node\":{\"id\":\"order-3\",\"status\":\"DELIVERED\",\"total\":{\"amountMinor\":21899,\"currency\":\"EUR\"},"
                + "\"items\":[{\"quantity\":1,\"unitPrice\":{\"amountMinor\":18900},\"product\":{\"id\":\"prod-03\",\"name\":\"Waterproof Jacket\",\"stock\":12}},"
                + "{\"quantity\":1,\"unitPrice\":{\"amountMinor\":2999},\"product\":{\"id\":\"prod-04\",\"name\":\"Insulated Water Bottle\",\"stock\":60}}],"
                + "\"payments\":[{\"id\":\"pay-3\",\"status\":\"CAPTURED\",\"amount\":{\"amountMinor\":21899,\"currency\":\"EUR\"}}]}},"
                + "{\"node\":{\"id\":\"order-6\",\"status\":\"PAID\",\"total\":{\"amountMinor\":10798,\"currency\":\"EUR\"},"
                + "\"items\":[{\"quantity\":1,\"unitPrice\":{\"amountMinor\":8999},\"product\":{\"id\":\"prod-06\",\"name\":\"Trekking Poles (pair)\",\"stock\":18}},"
                + "{\"quantity\":1,\"unitPrice\":{\"amountMinor\":1799},\"product\":{\"id\":\"prod-10\",\"name\":\"Dry Bag 20L\",\"stock\":0}}],"
                + "\"payments\":[{\"id\":\"pay-6\",\"status\":\"AUTHORIZED\",\"amount\":{\"amountMinor\":10798,\"currency\":\"EUR\"}}]}}"
                + "]}}}}"));
    }

    @Test
    @Order(2)
    void aHundredOrdersCostOneRequestPerSubgraph() throws Exception {
        StorefrontStack stack = STACK.stack();
        String gateway = stack.gatewayUrl();
        String barbara = StorefrontStack.login(gateway, "barbara@example.com", DEMO_PASSWORD);
        String[] products = {"prod-15", "prod-22", "prod-12"}; // stock 80, 70, 50: enough for 34 each
        for (int i = 0; i < 100; i++) {
            JsonObject placed = StorefrontStack.graphql(gateway, """
                    mutation($product: ID!, $key: String!) {
                      placeOrder(input: { items: [{ productId: $product, quantity: 1 }],
                                          paymentMethod: { cardNumber: "4242424242424242" }, idempotencyKey: $key }) {
                        order { id status } userErrors { code message }
                      }
                    }""", Map.of("product", products[i % 3],
                    "key", "e2e-history-" + stack.databaseName("orders") + "-" + i), barbara);
            assertThat(placed.toString(), placed.getJsonObject("data").getJsonObject("placeOrder")
                    .getJsonArray("userErrors").size(), is(0));
        }
        Map<String, Long> before = subgraphRequests(gateway);
        JsonObject history = StorefrontStack.graphql(gateway, """
                { user(id: "user-4") { orders(first: 100) { edges { node {
                    id total { amountMinor } items { quantity product { name price { amountMinor } } } payments { status }
                } } } } }""", Map.of(), barbara);
        Map<String, Long> after = subgraphRequests(gateway);
        assertThat(history.toString(), history.containsKey("errors"), is(false));
        // user-4 now has 101 orders (the seeded order-5 and the hundred just placed): a full page
        assertThat(history.getJsonObject("data").getJsonObject("user").getJsonObject("orders")
                .getJsonArray("edges").size(), is(100));
        for (String subgraph : StorefrontStack.SERVICES) {
            assertThat("requests to " + subgraph + " for 100 orders", after.get(subgraph) - before.getOrDefault(subgraph, 0L), is(1L));
        }
        String metrics = get(gateway + "/metrics");
        long hits = metric(metrics, "gateway_plan_cache_hits_total");
        long misses = metric(metrics, "gateway_plan_cache_misses_total");
        System.out.printf("gateway plan cache in the e2e run: %d hits, %d misses (%.0f%% hit rate)%n",
                hits, misses, 100.0 * hits / Math.max(1, hits + misses));
        assertThat(hits, greaterThan(90L));
    }

    @Test
    @Order(3)
    void aStoppedSubgraphGivesPartialDataAndPathedErrors() throws Exception {
        StorefrontStack stack = STACK.stack();
        String gateway = stack.gatewayUrl();
        String ada = StorefrontStack.login(gateway, "ada@example.com", DEMO_PASSWORD);
        stack.process("products").close();
        try {
            JsonObject response = StorefrontStack.graphql(gateway,
                    "{ user(id: \"user-1\") { name } product(id: \"prod-01\") { name } }", Map.of(), ada);
            assertThat(response.toString(), response.getJsonObject("data").getJsonObject("user").getString("name"), is("Ada Lovelace"));
            assertThat(response.toString(), response.getJsonObject("data").isNull("product"), is(true));
            assertThat(response.getJsonArray("errors").getJsonObject(0).getJsonArray("path").toString(), is("[\"product\"]"));

            // an entity jump into the stopped subgraph: the orders are there, the products are not
            JsonObject nested = StorefrontStack.graphql(gateway,
                    "{ order(id: \"order-2\") { id status items { quantity product { name } } } }", Map.of(), ada);
            assertThat(nested.toString(), nested.getJsonArray("errors").getJsonObject(0).getJsonArray("path").toString(),
                    containsString("\"order\""));
            assertThat(get(gateway + "/health").contains("UP"), is(true));
        } finally {
            stack.start("products");
            stack.process("products").awaitReady(Duration.ofSeconds(120));
        }
        JsonObject recovered = StorefrontStack.graphql(gateway, "{ product(id: \"prod-01\") { name } }", Map.of());
        assertThat(recovered.toString(), recovered.getJsonObject("data").getJsonObject("product").getString("name"),
                is("Trail Running Shoes"));
    }

    @Test
    @Order(4)
    void aSessionIsRefreshedAndEndedThroughTheGateway() throws Exception {
        String gateway = STACK.stack().gatewayUrl();
        String tokens = "token refreshToken userErrors { code message }";
        JsonObject login = StorefrontStack.graphql(gateway, "mutation($email: String!, $password: String!) {"
                + " login(email: $email, password: $password) { " + tokens + " } }",
                Map.of("email", "alan@example.com", "password", DEMO_PASSWORD)).getJsonObject("data").getJsonObject("login");
        String refresh = "mutation($t: String!) { refreshSession(refreshToken: $t) { " + tokens + " } }";

        // no Authorization header: the refresh token is the credential
        JsonObject refreshed = StorefrontStack.graphql(gateway, refresh, Map.of("t", login.getString("refreshToken")))
                .getJsonObject("data").getJsonObject("refreshSession");
        assertThat(refreshed.toString(), refreshed.getJsonArray("userErrors").size(), is(0));
        JsonObject me = StorefrontStack.graphql(gateway, "{ me { id email } }", Map.of(), refreshed.getString("token"));
        assertThat(me.toString(), is("{\"data\":{\"me\":{\"id\":\"user-3\",\"email\":\"alan@example.com\"}}}"));

        // the spent token again: the session is ended, its newest token with it
        JsonObject replay = StorefrontStack.graphql(gateway, refresh, Map.of("t", login.getString("refreshToken")));
        assertThat(replay.toString(), replay.getJsonObject("data").getJsonObject("refreshSession").getJsonArray("userErrors")
                .getJsonObject(0).getString("code"), is("SESSION_REVOKED"));
        JsonObject newest = StorefrontStack.graphql(gateway, refresh, Map.of("t", refreshed.getString("refreshToken")));
        assertThat(newest.toString(), newest.getJsonObject("data").getJsonObject("refreshSession").getJsonArray("userErrors")
                .getJsonObject(0).getString("code"), is("SESSION_REVOKED"));

        // signing out needs no access token either
        JsonObject second = StorefrontStack.graphql(gateway, "mutation($email: String!, $password: String!) {"
                + " login(email: $email, password: $password) { " + tokens + " } }",
                Map.of("email", "alan@example.com", "password", DEMO_PASSWORD)).getJsonObject("data").getJsonObject("login");
        JsonObject logout = StorefrontStack.graphql(gateway, "mutation($t: String!) { logout(refreshToken: $t) { sessionsEnded userErrors { code } } }",
                Map.of("t", second.getString("refreshToken")));
        assertThat(logout.toString(), is("{\"data\":{\"logout\":{\"sessionsEnded\":1,\"userErrors\":[]}}}"));
    }

    @Test
    @Order(5)
    void refusalsReachTheClientWithACodeItCanActOn() throws Exception {
        String gateway = STACK.stack().gatewayUrl();
        // anonymous: the products field is served, the protected one is refused at its path
        JsonObject anonymous = StorefrontStack.graphql(gateway, "{ product(id: \"prod-01\") { name } me { id } }", Map.of());
        assertThat(anonymous.toString(), anonymous.getJsonObject("data").getJsonObject("product").getString("name"),
                is("Trail Running Shoes"));
        assertThat(anonymous.toString(), anonymous.getJsonObject("data").isNull("me"), is(true));
        assertRefusal(anonymous, "[\"me\"]", "UNAUTHENTICATED", "users");

        // a customer: an admin field, another customer's account, a page size out of range
        String ada = StorefrontStack.login(gateway, "ada@example.com", DEMO_PASSWORD);
        assertRefusal(StorefrontStack.graphql(gateway, "{ users(first: 1) { edges { node { id } } } }", Map.of(), ada),
                "[\"users\"]", "FORBIDDEN", "users");
        assertRefusal(StorefrontStack.graphql(gateway, "{ user(id: \"user-2\") { name } }", Map.of(), ada),
                "[\"user\"]", "FORBIDDEN", "users");
        assertRefusal(StorefrontStack.graphql(gateway, "{ products(first: 1000) { edges { node { id } } } }", Map.of(), ada),
                "[\"products\"]", "BAD_USER_INPUT", "products");
    }

    /** The response's only error: at the path, with the subgraph's code (not the gateway's DOWNSTREAM_SERVICE_ERROR). */
    private static void assertRefusal(JsonObject response, String path, String code, String subgraph) {
        assertThat(response.toString(), response.getJsonArray("errors").size(), is(1));
        JsonObject error = response.getJsonArray("errors").getJsonObject(0);
        assertThat(response.toString(), error.getJsonArray("path").toString(), is(path));
        assertThat(response.toString(), error.getJsonObject("extensions").getString("code"), is(code));
        assertThat(response.toString(), error.getJsonObject("extensions").getString("serviceName"), is(subgraph));
    }

    private static Map<String, Long> subgraphRequests(String gateway) throws IOException, InterruptedException {
        Map<String, Long> counts = new java.util.HashMap<>();
        Matcher m = Pattern.compile("gateway_subgraph_requests_total\\{subgraph=\"(\\w+)\"} (\\d+)").matcher(get(gateway + "/metrics"));
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    private static long metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
