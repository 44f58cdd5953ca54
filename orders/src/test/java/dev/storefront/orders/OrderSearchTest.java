package dev.storefront.orders;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The admins' order search ({@code Query.orders}): newest first, by status and/or account, paged
 * by keyset (orders placed in the same millisecond included), and refused to anyone but an admin.
 * Runs on the demo orders (order-1..order-6, placed in that order) plus three placed at one instant.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class OrderSearchTest {

    private static final String SEARCH = "query($first: Int, $after: String, $filter: OrderSearchInput) {"
            + " orders(first: $first, after: $after, filter: $filter) { edges { cursor node { id } }"
            + " pageInfo { hasNextPage hasPreviousPage endCursor } } }";

    private GraphQlClient admin;

    @BeforeAll
    static void threeOrdersAtOneInstant() throws SQLException {
        for (String id : List.of("order-tie-a", "order-tie-b", "order-tie-c")) {
            FreshDatabaseExtension.execute("INSERT INTO orders (id, user_id, status, total_minor, currency, created_at, updated_at)"
                    + " VALUES ('" + id + "', 'user-4', 'PAID', 100, 'EUR', '2026-01-16 09:00:00.000', '2026-01-16 09:00:00.000')");
        }
    }

    @BeforeEach
    void connect() {
        admin = GraphQlClient.forRunningServer().withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
    }

    @Test
    void everyOrderNewestFirstAPageAtATime() {
        List<String> all = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            java.util.Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("first", 2);
            if (after != null) {
                variables.put("after", after);
            }
            JsonObject page = admin.query(SEARCH, variables);
            assertThat(page.toString(), page.containsKey("errors"), is(false));
            at(page, "data.orders.edges").asJsonArray().forEach(edge -> all.add(string(edge, "node.id")));
            assertThat(at(page, "data.orders.pageInfo.hasPreviousPage").toString(), is(String.valueOf(after != null)));
            after = at(page, "data.orders.pageInfo.hasNextPage") == JsonValue.TRUE ? string(page, "data.orders.pageInfo.endCursor") : null;
            pages++;
        } while (after != null);
        assertThat(all, is(List.of("order-tie-c", "order-tie-b", "order-tie-a", "order-6", "order-5", "order-4", "order-3",
                "order-2", "order-1")));
        assertThat(pages, is(5));
    }

    @Test
    void byStatusByAccountOrBoth() {
        assertThat(ids(admin.query(SEARCH, java.util.Map.of("filter", java.util.Map.of("status", "PAID")))),
                is(List.of("order-tie-c", "order-tie-b", "order-tie-a", "order-6", "order-1")));
        assertThat(ids(admin.query(SEARCH, java.util.Map.of("filter", java.util.Map.of("userId", "user-1")))),
                is(List.of("order-2", "order-1")));
        assertThat(ids(admin.query(SEARCH, java.util.Map.of("filter", java.util.Map.of("userId", "user-2", "status", "PAID")))),
                is(List.of("order-6")));
        JsonObject firstTwo = admin.query(SEARCH, java.util.Map.of("first", 2, "filter", java.util.Map.of("status", "PAID")));
        JsonObject rest = admin.query(SEARCH, java.util.Map.of("after", string(firstTwo, "data.orders.pageInfo.endCursor"),
                "filter", java.util.Map.of("status", "PAID")));
        assertThat(ids(rest), is(List.of("order-tie-a", "order-6", "order-1")));
        assertThat(ids(admin.query(SEARCH, java.util.Map.of("filter", java.util.Map.of("userId", "user-nobody")))), is(List.of()));

        JsonObject badCursor = admin.query(SEARCH, java.util.Map.of("after", "nonsense"));
        assertThat(string(badCursor, "errors.0.message"), containsString("not a valid cursor"));
        JsonObject badUser = admin.query(SEARCH, java.util.Map.of("filter", java.util.Map.of("userId", "no such id!")));
        assertThat(string(badUser, "errors.0.message"), containsString("not a valid id"));
    }

    @Test
    void adminsOnly() {
        GraphQlClient anonymous = GraphQlClient.forRunningServer();
        for (GraphQlClient refused : List.of(anonymous, anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER")),
                anonymous.withBearer(TestTokenIssuer.expiredToken("user-5", "ADMIN")))) {
            JsonObject answer = refused.query(SEARCH, java.util.Map.of());
            assertThat(answer.toString(), at(answer, "data"), is(JsonValue.NULL));
            assertThat(string(answer, "errors.0.message"), containsString(refused == anonymous ? "Not authenticated"
                    : string(answer, "errors.0.message").startsWith("Access") ? "Access denied: this operation requires the ADMIN role"
                    : "Not authenticated"));
        }
        JsonObject customer = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER")).query(SEARCH, java.util.Map.of());
        assertThat(string(customer, "errors.0.message"), is("Access denied: this operation requires the ADMIN role"));
        assertThat(string(anonymous.query(SEARCH, java.util.Map.of()), "errors.0.message"), containsString("Not authenticated"));
    }

    private static List<String> ids(JsonObject response) {
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        List<String> ids = new ArrayList<>();
        at(response, "data.orders.edges").asJsonArray().forEach(edge -> ids.add(string(edge, "node.id")));
        return ids;
    }
}
