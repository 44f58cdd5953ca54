package dev.storefront.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** What the subgraph answers, asked by an admin (who may read everything); who may ask is OrderAccessTest's subject. */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class OrdersSubgraphTest {

    private static final String USER_ORDERS = "query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) {"
            + " ... on User { id orders(first: $first, after: $after) { edges { cursor node { id } }"
            + " pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }";

    @Inject
    MetricRegistry metrics;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer().withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
    }

    @Test
    void orderByIdWithItemsHistoryAndReferences() {
        JsonObject response = client.query("{ order(id: \"order-3\") { id user { id } items { product { id } quantity"
                + " unitPrice { amountMinor currency } lineTotal { amountMinor currency } } total { amountMinor currency }"
                + " status statusHistory { status at reason } trackingNumber createdAt } }");
        assertThat(at(response, "data.order").toString(), is("{\"id\":\"order-3\",\"user\":{\"id\":\"user-2\"},"
                + "\"items\":[{\"product\":{\"id\":\"prod-03\"},\"quantity\":1,\"unitPrice\":{\"amountMinor\":18900,\"currency\":\"EUR\"},"
                + "\"lineTotal\":{\"amountMinor\":18900,\"currency\":\"EUR\"}},"
                + "{\"product\":{\"id\":\"prod-04\"},\"quantity\":1,\"unitPrice\":{\"amountMinor\":2999,\"currency\":\"EUR\"},"
                + "\"lineTotal\":{\"amountMinor\":2999,\"currency\":\"EUR\"}}],"
                + "\"total\":{\"amountMinor\":21899,\"currency\":\"EUR\"},\"status\":\"DELIVERED\","
                + "\"statusHistory\":[{\"status\":\"PENDING\",\"at\":\"2026-01-12T11:00:00Z\",\"reason\":\"Order placed\"},"
                + "{\"status\":\"PAID\",\"at\":\"2026-01-12T11:00:02Z\",\"reason\":\"Payment pay-3 authorized\"},"
                + "{\"status\":\"SHIPPED\",\"at\":\"2026-01-13T09:00:00Z\",\"reason\":\"Shipped with tracking number TRK-100003\"},"
                + "{\"status\":\"DELIVERED\",\"at\":\"2026-01-15T16:00:00Z\",\"reason\":\"Delivered\"}],"
                + "\"trackingNumber\":\"TRK-100003\",\"createdAt\":\"2026-01-12T11:00:00Z\"}"));
    }

    @Test
    void lineTotalsMultiplyQuantity() {
        JsonObject response = client.query("{ order(id: \"order-5\") { items { quantity unitPrice { amountMinor } lineTotal { amountMinor } } total { amountMinor } } }");
        assertThat(at(response, "data.order").toString(), is("{\"items\":[{\"quantity\":2,\"unitPrice\":{\"amountMinor\":5499},"
                + "\"lineTotal\":{\"amountMinor\":10998}}],\"total\":{\"amountMinor\":10998}}"));
    }

    @Test
    void unknownOrderIsNullAndMalformedIdIsAClearError() {
        JsonObject unknown = client.query("{ order(id: \"order-404\") { id } }");
        assertThat(at(unknown, "data.order"), is(JsonValue.NULL));
        assertThat(unknown.containsKey("errors"), is(false));

        JsonObject malformed = client.query("{ order(id: \"no spaces\") { id } }");
        assertThat(string(malformed, "errors.0.message"), containsString("Argument 'id' is not a valid id"));
        assertThat(at(malformed, "errors.0.path").toString(), is("[\"order\"]"));
    }

    @Test
    void userOrdersPageInPlacementOrderToTheEnd() {
        JsonObject first = userOrders("user-1", 1, null);
        assertThat(orderIds(first), is(List.of("order-1")));
        assertThat(at(first, "data._entities.0.orders.pageInfo.hasNextPage"), is(JsonValue.TRUE));
        assertThat(at(first, "data._entities.0.orders.pageInfo.hasPreviousPage"), is(JsonValue.FALSE));

        JsonObject last = userOrders("user-1", 5, string(first, "data._entities.0.orders.pageInfo.endCursor"));
        assertThat(orderIds(last), is(List.of("order-2")));
        assertThat(at(last, "data._entities.0.orders.pageInfo.hasNextPage"), is(JsonValue.FALSE));
        assertThat(at(last, "data._entities.0.orders.pageInfo.hasPreviousPage"), is(JsonValue.TRUE));

        JsonObject beyond = userOrders("user-1", null, string(last, "data._entities.0.orders.pageInfo.endCursor"));
        assertThat(orderIds(beyond), is(List.of()));
        assertThat(at(beyond, "data._entities.0.orders.pageInfo.hasNextPage"), is(JsonValue.FALSE));
        assertThat(at(beyond, "data._entities.0.orders.pageInfo.endCursor"), is(JsonValue.NULL));
    }

    @Test
    void userOrdersEmptyPageAndUserWithoutOrders() {
        JsonObject empty = userOrders("user-2", 0, null);
        assertThat(orderIds(empty), is(List.of()));
        assertThat(at(empty, "data._entities.0.orders.pageInfo.hasNextPage"), is(JsonValue.TRUE));

        JsonObject none = userOrders("user-5", null, null);
        assertThat(orderIds(none), is(List.of()));
        assertThat(at(none, "data._entities.0.orders.pageInfo.hasNextPage"), is(JsonValue.FALSE));
        assertThat(none.containsKey("errors"), is(false));
    }

    @Test
    void userOrdersOrderSameMillisecondOrdersById() throws Exception {
        for (String id : List.of("order-tie-a", "order-tie-b", "order-tie-c")) {
            FreshDatabaseExtension.execute("INSERT INTO orders (id, user_id, status, total_minor, currency, created_at, updated_at)"
                    + " VALUES ('" + id + "', 'user-tie', 'PAID', 100, 'EUR', '2026-03-01 00:00:00.000', '2026-03-01 00:00:00.000')");
        }
        JsonObject first = userOrders("user-tie", 2, null);
        assertThat(orderIds(first), is(List.of("order-tie-a", "order-tie-b")));
        JsonObject rest = userOrders("user-tie", 2, string(first, "data._entities.0.orders.pageInfo.endCursor"));
        assertThat(orderIds(rest), is(List.of("order-tie-c")));
    }

    @Test
    void badCursorAndPageSizeAreClearErrors() {
        JsonObject badCursor = userOrders("user-1", null, "not-a-cursor");
        assertThat(string(badCursor, "errors.0.message"), is("Argument 'after' is not a valid cursor: not-a-cursor"));
        assertThat(at(badCursor, "errors.0.path.0").toString(), is("\"_entities\""));

        // a well-formed cursor of another connection (users') is still not an orders cursor
        JsonObject foreignCursor = userOrders("user-1", null, "Y3Vyc29yOnVzZXItMQ");
        assertThat(string(foreignCursor, "errors.0.message"), is("Argument 'after' is not a valid cursor: Y3Vyc29yOnVzZXItMQ"));

        JsonObject negative = userOrders("user-1", -1, null);
        assertThat(string(negative, "errors.0.message"), is("Argument 'first' must be between 0 and 100, was -1"));
        JsonObject tooMany = userOrders("user-1", 101, null);
        assertThat(string(tooMany, "errors.0.message"), is("Argument 'first' must be between 0 and 100, was 101"));
    }

    @Test
    void firstPagesOfFiftyUsersTakeOneStatement() throws Exception {
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            for (int o = 0; o < 3; o++) {
                FreshDatabaseExtension.execute(String.format("INSERT INTO orders (id, user_id, status, total_minor, currency,"
                        + " created_at, updated_at) VALUES ('order-u%02d-%d', 'user-b%02d', 'PAID', %d, 'EUR',"
                        + " '2026-02-01 00:00:0%d.000', '2026-02-01 00:00:00.000')", u, o, u, 100 * o, o));
            }
            representations.add(Map.of("__typename", "User", "id", String.format("user-b%02d", u)));
        }
        long firstPages = statements("orders-first-pages-by-users");
        long singlePages = statements("orders-page-of-user");
        JsonObject response = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id"
                + " orders(first: 2) { edges { node { id total { amountMinor } } } pageInfo { hasNextPage } } } } }",
                Map.of("r", representations));
        assertThat(statements("orders-first-pages-by-users") - firstPages, is(1L));
        assertThat(statements("orders-page-of-user") - singlePages, is(0L));
        JsonArray users = at(response, "data._entities").asJsonArray();
        assertThat(users.size(), is(50));
        for (int u = 0; u < 50; u++) {
            JsonValue user = users.get(u);
            assertThat(string(user, "id"), is(String.format("user-b%02d", u)));
            assertThat(at(user, "orders.edges").asJsonArray().stream().map(e -> string(e, "node.id")).toList(),
                    is(List.of(String.format("order-u%02d-0", u), String.format("order-u%02d-1", u))));
            assertThat(at(user, "orders.pageInfo.hasNextPage"), is(JsonValue.TRUE));
        }
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void firstPagesShowingTheLinesReadThemInTheSameStatement() throws Exception {
        // two users: one with an order of three lines written out of line order and an order without lines, one with one line
        FreshDatabaseExtension.execute("INSERT INTO orders (id, user_id, status, total_minor, currency, created_at, updated_at) VALUES"
                + " ('lines-a1', 'user-lines-a', 'PAID', 600, 'EUR', '2026-03-01 00:00:01.000', '2026-03-01 00:00:01.000'),"
                + " ('lines-a2', 'user-lines-a', 'PENDING', 0, 'EUR', '2026-03-01 00:00:02.000', '2026-03-01 00:00:02.000'),"
                + " ('lines-a3', 'user-lines-a', 'PAID', 100, 'EUR', '2026-03-01 00:00:03.000', '2026-03-01 00:00:03.000'),"
                + " ('lines-b1', 'user-lines-b', 'PAID', 250, 'USD', '2026-03-01 00:00:01.000', '2026-03-01 00:00:01.000')");
        FreshDatabaseExtension.execute("INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_minor, currency) VALUES"
                + " ('lines-a1', 3, 'prod-03', 1, 300, 'EUR'), ('lines-a1', 1, 'prod-01', 1, 100, 'EUR'),"
                + " ('lines-a1', 2, 'prod-02', 2, 100, 'EUR'), ('lines-a3', 1, 'prod-09', 1, 100, 'EUR'),"
                + " ('lines-b1', 1, 'prod-05', 5, 50, 'USD')");
        List<Map<String, Object>> representations = List.of(Map.of("__typename", "User", "id", "user-lines-a"),
                Map.of("__typename", "User", "id", "user-lines-b"));
        String withLines = "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id orders(first: 2) { edges { node {"
                + " id total { amountMinor currency } items { product { id } quantity unitPrice { amountMinor currency } } } } } } } }";
        long joined = statements("orders-first-pages-with-items-by-users");
        long pages = statements("orders-first-pages-by-users");
        long items = statements("order-items-by-orders");

        JsonObject response = client.query(withLines, Map.of("r", representations));

        assertThat(response.containsKey("errors"), is(false));
        assertThat(statements("orders-first-pages-with-items-by-users") - joined, is(1L));
        assertThat(statements("orders-first-pages-by-users") - pages, is(0L));
        assertThat(statements("order-items-by-orders") - items, is(0L));
        assertThat(at(response, "data._entities").toString(), is("[{\"id\":\"user-lines-a\",\"orders\":{\"edges\":["
                + "{\"node\":{\"id\":\"lines-a1\",\"total\":{\"amountMinor\":600,\"currency\":\"EUR\"},\"items\":["
                + "{\"product\":{\"id\":\"prod-01\"},\"quantity\":1,\"unitPrice\":{\"amountMinor\":100,\"currency\":\"EUR\"}},"
                + "{\"product\":{\"id\":\"prod-02\"},\"quantity\":2,\"unitPrice\":{\"amountMinor\":100,\"currency\":\"EUR\"}},"
                + "{\"product\":{\"id\":\"prod-03\"},\"quantity\":1,\"unitPrice\":{\"amountMinor\":300,\"currency\":\"EUR\"}}]}},"
                + "{\"node\":{\"id\":\"lines-a2\",\"total\":{\"amountMinor\":0,\"currency\":\"EUR\"},\"items\":[]}}]}},"
                + "{\"id\":\"user-lines-b\",\"orders\":{\"edges\":[{\"node\":{\"id\":\"lines-b1\",\"total\":{\"amountMinor\":250,"
                + "\"currency\":\"USD\"},\"items\":[{\"product\":{\"id\":\"prod-05\"},\"quantity\":5,"
                + "\"unitPrice\":{\"amountMinor\":50,\"currency\":\"USD\"}}]}}]}}]"));

        // the same orders one by one through order(id:), whose lines are their own statement, answer the same lines
        for (String id : List.of("lines-a1", "lines-a2", "lines-b1")) {
            JsonObject one = client.query("{ order(id: \"" + id + "\") { items { product { id } quantity unitPrice { amountMinor currency } } } }");
            JsonValue fromPage = at(response, "data._entities").asJsonArray().stream()
                    .flatMap(u -> at(u, "orders.edges").asJsonArray().stream())
                    .filter(e -> string(e, "node.id").equals(id)).findFirst().map(e -> at(e, "node.items")).orElseThrow();
            assertThat(id, at(one, "data.order.items"), is(fromPage));
        }

        // a page that does not show the lines reads none
        long joinedBefore = statements("orders-first-pages-with-items-by-users");
        long itemsBefore = statements("order-items-by-orders");
        JsonObject idsOnly = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders(first: 2) {"
                + " edges { node { id } } } } } }", Map.of("r", representations));
        assertThat(idsOnly.containsKey("errors"), is(false));
        assertThat(statements("orders-first-pages-with-items-by-users") - joinedBefore, is(0L));
        assertThat(statements("order-items-by-orders") - itemsBefore, is(0L));

        // lines shown through a fragment spread inside an inline fragment are lines shown: still the one joined statement
        JsonObject throughFragments = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on User {"
                + " orders(first: 2) { ...Page } } } } fragment Page on OrderConnection { edges { ... on OrderEdge { node { id ...Lines } } } }"
                + " fragment Lines on Order { items { quantity } }", Map.of("r", representations));
        assertThat(throughFragments.containsKey("errors"), is(false));
        assertThat(statements("orders-first-pages-with-items-by-users") - joinedBefore, is(1L));
        assertThat(statements("order-items-by-orders") - itemsBefore, is(0L));
        assertThat(at(throughFragments, "data._entities").asJsonArray().get(0).asJsonObject()
                .getJsonObject("orders").getJsonArray("edges").get(0).asJsonObject().getJsonObject("node")
                .getJsonArray("items").size(), is(3));
    }

    @Test
    void entitiesResolveFiftyOrdersWithOneStatementInOrder() throws Exception {
        for (int i = 0; i < 50; i++) {
            FreshDatabaseExtension.execute(String.format("INSERT INTO orders (id, user_id, status, total_minor, currency,"
                    + " created_at, updated_at) VALUES ('batch-%02d', 'user-batch', 'PAID', %d, 'EUR', '2026-02-01 00:00:00', '2026-02-01 00:00:00')",
                    i, 300 * i));
            FreshDatabaseExtension.execute(String.format("INSERT INTO order_items (order_id, line_no, product_id, quantity,"
                    + " unit_price_minor, currency) VALUES ('batch-%02d', 1, 'prod-01', 3, %d, 'EUR')", i, 100 * i));
            FreshDatabaseExtension.execute(String.format("INSERT INTO order_status_changes (order_id, status, reason, changed_at)"
                    + " VALUES ('batch-%02d', 'PAID', 'seeded', '2026-02-01 00:00:00')", i));
        }
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            representations.add(Map.of("__typename", "Order", "id", String.format("batch-%02d", i)));
        }
        long orders = statements("orders-by-ids");
        long items = statements("order-items-by-orders");
        long history = statements("order-history-by-orders");
        JsonObject response = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id"
                        + " total { amountMinor } items { quantity lineTotal { amountMinor } } statusHistory { status } } } }",
                Map.of("r", representations));
        assertThat(statements("orders-by-ids") - orders, is(1L));
        assertThat(statements("order-items-by-orders") - items, is(1L));
        assertThat(statements("order-history-by-orders") - history, is(1L));
        JsonArray entities = at(response, "data._entities").asJsonArray();
        assertThat(entities.size(), is(50));
        for (int i = 0; i < 50; i++) {
            int n = 49 - i;
            assertThat(string(entities.get(i), "id"), is(String.format("batch-%02d", n)));
            assertThat(at(entities.get(i), "items.0.lineTotal.amountMinor").toString(), is(String.valueOf(300 * n)));
            assertThat(at(entities.get(i), "statusHistory").toString(), is("[{\"status\":\"PAID\"}]"));
        }
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void ordersWithoutItemsInTheQueryCostNoItemStatement() {
        long items = statements("order-items-by-orders");
        JsonObject response = client.query("{ _entities(representations: [{__typename: \"Order\", id: \"order-1\"},"
                + " {__typename: \"Order\", id: \"order-2\"}]) { ... on Order { id status } } }");
        assertThat(at(response, "data._entities").toString(),
                is("[{\"id\":\"order-1\",\"status\":\"PAID\"},{\"id\":\"order-2\",\"status\":\"SHIPPED\"}]"));
        assertThat(statements("order-items-by-orders") - items, is(0L));
    }

    @Test
    void unknownEntityKeysAreNullWithAnErrorAtTheirPosition() {
        JsonObject response = client.query("{ _entities(representations: [{__typename: \"Order\", id: \"order-1\"}, "
                + "{__typename: \"Order\", id: \"ghost\"}, {__typename: \"Order\", id: 42}, {__typename: \"Product\", id: \"prod-07\"}])"
                + " { ... on Order { id } ... on Product { id } } }");
        assertThat(at(response, "data._entities").toString(), is("[{\"id\":\"order-1\"},null,null,{\"id\":\"prod-07\"}]"));
        assertThat(at(response, "errors.0.path").toString(), is("[\"_entities\",1]"));
        assertThat(string(response, "errors.0.message"), containsString("Order not found"));
        assertThat(at(response, "errors.1.path").toString(), is("[\"_entities\",2]"));
    }

    @Test
    void serviceSdlDeclaresFederationV2AndTheKeys() {
        String sdl = string(client.query("{ _service { sdl } }"), "data._service.sdl");
        assertThat(sdl, containsString("url : \"https://specs.apollo.dev/federation/v2.9\""));
        assertThat(sdl, containsString("type Order @key(fields : \"id\""));
        assertThat(sdl, containsString("type User @key(fields : \"id\""));
        assertThat(sdl, containsString("type Product @key(fields : \"id\""));
        assertThat(sdl, containsString("type Money @shareable"));
        assertThat(sdl, containsString("type PageInfo @shareable"));
        assertThat(sdl, containsString("type UserError @shareable"));
        assertThat(sdl, containsString("items: [OrderItem!]!"));
        assertThat(sdl, containsString("statusHistory: [OrderStatusChange!]!"));
        assertThat(sdl, containsString("placeOrder(input: PlaceOrderInput!): PlaceOrderPayload!"));
        assertThat(sdl, containsString("input PaymentMethodInput"));
        // the buyer is the signed-in caller, never named in an order's or a checkout's input
        for (String input : new String[] {"input PlaceOrderInput", "input CheckoutInput"}) {
            String block = sdl.substring(sdl.indexOf(input), sdl.indexOf("}", sdl.indexOf(input)));
            assertThat(block, not(containsString("userId")));
        }
        // payments owns an enum PaymentMethod: an input of that name here would break composition
        assertThat(sdl, not(containsString("input PaymentMethod ")));
        assertThat(sdl, not(containsString("UserOrdersBatch")));
    }

    @Test
    void malformedQueriesGetValidationErrorsNotServerErrors() {
        GraphQlClient.Response unknownField = client.post("/graphql",
                "{\"query\":\"{ order(id: \\\"order-1\\\") { id shoeSize } }\"}", "application/json");
        assertThat(unknownField.status(), is(200));
        assertThat(string(unknownField.json(), "errors.0.message"), containsString("shoeSize"));

        GraphQlClient.Response syntax = client.post("/graphql", "{\"query\":\"{ order(id: \"}", "application/json");
        assertThat(syntax.status(), not(is(500)));
        assertThat(syntax.body(), not(containsString("at dev.storefront")));
    }

    @Test
    void healthAndMetrics() {
        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(200));
        assertThat(string(ready.json(), "checks.0.name"), is("database"));
        client.query("{ order(id: \"order-1\") { id } }");
        GraphQlClient.Response metricsText = client.get("/metrics");
        assertThat(metricsText.status(), is(200));
        assertThat(metricsText.body(), containsString("db_statements"));
    }

    private JsonObject userOrders(String userId, Integer first, String after) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("r", List.of(Map.of("__typename", "User", "id", userId)));
        if (first != null) {
            variables.put("first", first);
        }
        if (after != null) {
            variables.put("after", after);
        }
        return client.query(USER_ORDERS, variables);
    }

    private static List<String> orderIds(JsonObject response) {
        return at(response, "data._entities.0.orders.edges").asJsonArray().stream()
                .map(edge -> string(edge, "node.id")).toList();
    }

    private long statements(String name) {
        return metrics.counter("db.statements", new Tag("statement", name)).getCount();
    }
}
