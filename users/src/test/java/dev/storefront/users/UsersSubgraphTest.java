package dev.storefront.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

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
import static org.hamcrest.Matchers.nullValue;

@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class UsersSubgraphTest {

    @Inject
    MetricRegistry metrics;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        // reading users is for admins; these tests are about the subgraph, not about access
        client = Sessions.admin(GraphQlClient.forRunningServer());
    }

    @Test
    void userById() {
        JsonObject response = client.query("{ user(id: \"user-2\") { id email name role createdAt } }");
        assertThat(at(response, "data.user").toString(), is(
                "{\"id\":\"user-2\",\"email\":\"grace@example.com\",\"name\":\"Grace Hopper\","
                        + "\"role\":\"CUSTOMER\",\"createdAt\":\"2026-01-06T10:30:00Z\"}"));
    }

    @Test
    void unknownUserIsNull() {
        JsonObject response = client.query("{ user(id: \"user-404\") { id } }");
        assertThat(at(response, "data.user"), is(JsonValue.NULL));
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void malformedIdIsAClearErrorAtItsPath() {
        JsonObject response = client.query("{ user(id: \"no spaces allowed\") { id } }");
        assertThat(string(response, "errors.0.message"), containsString("Argument 'id' is not a valid id"));
        assertThat(at(response, "errors.0.path").toString(), is("[\"user\"]"));
    }

    @Test
    void pagesThroughAllUsers() {
        JsonObject first = client.query("{ users(first: 2) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }");
        assertThat(ids(first), is(List.of("user-1", "user-2")));
        assertThat(at(first, "data.users.pageInfo.hasNextPage"), is(JsonValue.TRUE));
        assertThat(at(first, "data.users.pageInfo.hasPreviousPage"), is(JsonValue.FALSE));

        JsonObject last = client.query("query($after: String) { users(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }",
                Map.of("after", string(first, "data.users.pageInfo.endCursor")));
        assertThat(ids(last), is(List.of("user-3", "user-4", "user-5")));
        assertThat(at(last, "data.users.pageInfo.hasNextPage"), is(JsonValue.FALSE));
        assertThat(at(last, "data.users.pageInfo.hasPreviousPage"), is(JsonValue.TRUE));

        JsonObject beyond = client.query("query($after: String) { users(after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                Map.of("after", string(last, "data.users.pageInfo.endCursor")));
        assertThat(ids(beyond), is(List.of()));
        assertThat(at(beyond, "data.users.pageInfo.hasNextPage"), is(JsonValue.FALSE));
        assertThat(at(beyond, "data.users.pageInfo.endCursor"), is(JsonValue.NULL));
    }

    @Test
    void emptyPage() {
        JsonObject response = client.query("{ users(first: 0) { edges { node { id } } pageInfo { hasNextPage } } }");
        assertThat(ids(response), is(List.of()));
        assertThat(at(response, "data.users.pageInfo.hasNextPage"), is(JsonValue.TRUE));
    }

    @Test
    void badCursorAndPageSizeAreClearErrors() {
        JsonObject badCursor = client.query("{ users(after: \"not-a-cursor\") { edges { cursor } } }");
        assertThat(string(badCursor, "errors.0.message"), is("Argument 'after' is not a valid cursor: not-a-cursor"));
        assertThat(at(badCursor, "errors.0.path").toString(), is("[\"users\"]"));

        JsonObject negative = client.query("{ users(first: -1) { edges { cursor } } }");
        assertThat(string(negative, "errors.0.message"), is("Argument 'first' must be between 0 and 100, was -1"));

        JsonObject tooMany = client.query("{ users(first: 101) { edges { cursor } } }");
        assertThat(string(tooMany, "errors.0.message"), is("Argument 'first' must be between 0 and 100, was 101"));
    }

    @Test
    void malformedQueriesGetValidationErrorsNotServerErrors() {
        GraphQlClient.Response unknownField = client.post("/graphql",
                "{\"query\":\"{ user(id: \\\"user-1\\\") { id shoeSize } }\"}", "application/json");
        assertThat(unknownField.status(), is(200));
        assertThat(string(unknownField.json(), "errors.0.message"), containsString("shoeSize"));
        assertThat(unknownField.body(), not(containsString("Exception")));

        GraphQlClient.Response syntax = client.post("/graphql", "{\"query\":\"{ user(id: \"}", "application/json");
        assertThat(syntax.status(), not(is(500)));
        assertThat(syntax.body(), not(containsString("at dev.storefront")));
    }

    @Test
    void serviceSdlDeclaresFederationV2AndTheUserKey() {
        String sdl = string(client.query("{ _service { sdl } }"), "data._service.sdl");
        assertThat(sdl, containsString("@link(import : [\"@key\", \"@shareable\""));
        assertThat(sdl, containsString("url : \"https://specs.apollo.dev/federation/v2.9\""));
        assertThat(sdl, containsString("type User @key(fields : \"id\""));
        assertThat(sdl, containsString("type PageInfo @shareable"));
        assertThat(sdl, containsString("type UserError @shareable"));
    }

    @Test
    void entitiesResolveFiftyRepresentationsWithOneStatementInOrder() throws Exception {
        for (int i = 0; i < 50; i++) {
            FreshDatabaseExtension.execute(String.format(
                    "INSERT INTO users (id, email, name, role, created_at) VALUES ('batch-%02d', 'b%02d@example.com', 'Batch %02d', 'CUSTOMER', '2026-02-01 00:00:00')",
                    i, i, i));
        }
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            representations.add(Map.of("__typename", "User", "id", String.format("batch-%02d", i)));
        }
        long before = statements("users-by-ids");
        JsonObject response = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name } } }",
                Map.of("r", representations));
        assertThat(statements("users-by-ids") - before, is(1L));
        JsonArray entities = at(response, "data._entities").asJsonArray();
        assertThat(entities.size(), is(50));
        for (int i = 0; i < 50; i++) {
            assertThat(string(entities.get(i), "id"), is(String.format("batch-%02d", 49 - i)));
        }
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void unknownEntityKeysAreNullWithAnErrorAtTheirPosition() {
        JsonObject response = client.query("{ _entities(representations: [{__typename: \"User\", id: \"user-1\"}, "
                + "{__typename: \"User\", id: \"ghost\"}, {__typename: \"User\", id: 42}]) { ... on User { id } } }");
        assertThat(at(response, "data._entities").toString(), is("[{\"id\":\"user-1\"},null,null]"));
        assertThat(at(response, "errors.0.path").toString(), is("[\"_entities\",1]"));
        assertThat(string(response, "errors.0.message"), containsString("User not found"));
        assertThat(at(response, "errors.1.path").toString(), is("[\"_entities\",2]"));
    }

    @Test
    void healthAndMetrics() {
        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(200));
        assertThat(string(ready.json(), "checks.0.name"), is("database"));
        GraphQlClient.Response metricsText = client.get("/metrics");
        assertThat(metricsText.status(), is(200));
        assertThat(metricsText.body(), containsString("db_statements"));
        assertThat(string(client.query("{ __typename }"), "data.__typename"), not(nullValue()));
    }

    private long statements(String name) {
        return metrics.counter("db.statements", new Tag("statement", name)).getCount();
    }

    private static List<String> ids(JsonObject response) {
        return at(response, "data.users.edges").asJsonArray().stream()
                .map(edge -> string(edge, "node.id")).toList();
    }
}
