package dev.storefront.subgraph.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * An entity type with several keys ({@link WidgetEntityResolver}: {@code id}, {@code code},
 * {@code shelf bin}) over real HTTP and the real database: the SDL carries every {@code @key},
 * {@code _entities} sends each representation to the first declared key it carries, one
 * statement per key however many representations, results in the representations' order, and a
 * representation without any whole key is {@code null} with an error at its position.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(WidgetApi.class)
@AddBean(WidgetEntityResolver.class)
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
class MultiKeyEntitiesTest {

    private static final String ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Widget { id code shelf bin } } }";
    private static final List<String> STATEMENTS = List.of("widgets-by-ids", "widgets-by-codes", "widgets-by-places");

    @Inject
    MetricRegistry metrics;

    private final GraphQlClient client = GraphQlClient.forRunningServer();

    @BeforeAll
    static void widgets() throws Exception {
        WidgetEntityResolver.createWidgets();
    }

    @Test
    void sdlCarriesEveryKeyInDeclarationOrder() {
        String sdl = string(client.query("{ _service { sdl } }"), "data._service.sdl");
        assertThat(sdl, containsString("type Widget @key(fields : \"id\", resolvable : true)"
                + " @key(fields : \"code\", resolvable : true) @key(fields : \"shelf bin\", resolvable : true) {"));
        assertThat(sdl, containsString("union _Entity = Widget"));
    }

    @Test
    void fiftyRepresentationsBySecondKeyAreOneStatementInOrder() {
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            representations.add(Map.of("__typename", "Widget", "code", String.format("C-%02d", i)));
        }
        Map<String, Long> before = statements();
        JsonObject response = client.query(ENTITIES, Map.of("r", representations));
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        assertThat(executedSince(before), is(Map.of("widgets-by-ids", 0L, "widgets-by-codes", 1L, "widgets-by-places", 0L)));
        JsonArray entities = at(response, "data._entities").asJsonArray();
        assertThat(entities.size(), is(50));
        for (int i = 0; i < 50; i++) {
            assertThat(string(entities.get(i), "id"), is(String.format("w-%02d", 49 - i)));
        }
    }

    @Test
    void mixedKeysAreOneStatementPerKeyWithResultsInRepresentationOrder() {
        List<Map<String, Object>> representations = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = (i * 7) % 60;
            representations.add(switch (i % 3) {
                case 0 -> Map.of("__typename", "Widget", "id", String.format("w-%02d", n));
                case 1 -> Map.of("__typename", "Widget", "code", String.format("C-%02d", n));
                default -> Map.of("__typename", "Widget", "shelf", "S-" + n / 10, "bin", "B-" + n % 10);
            });
            expected.add(String.format("w-%02d", n));
        }
        Map<String, Long> before = statements();
        JsonObject response = client.query(ENTITIES, Map.of("r", representations));
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        assertThat(executedSince(before), is(Map.of("widgets-by-ids", 1L, "widgets-by-codes", 1L, "widgets-by-places", 1L)));
        assertThat(at(response, "data._entities").asJsonArray().stream().map(e -> string(e, "id")).toList(), is(expected));
    }

    @Test
    void theFirstDeclaredKeyARepresentationCoversWins() {
        // id and code of different widgets: id is declared first; a null id does not count; shelf
        // without bin is not the composite key, so code decides
        JsonObject response = client.query(ENTITIES, Map.of("r", List.of(
                Map.of("__typename", "Widget", "code", "C-02", "id", "w-01"),
                representation("id", null, "code", "C-03"),
                Map.of("__typename", "Widget", "shelf", "S-5", "code", "C-04"),
                Map.of("__typename", "Widget", "bin", "B-9", "shelf", "S-0", "code", "C-05"))));
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        assertThat(at(response, "data._entities").asJsonArray().stream().map(e -> string(e, "id")).toList(),
                is(List.of("w-01", "w-03", "w-04", "w-05")));
    }

    @Test
    void aRepresentationWithoutAWholeKeyIsNullWithAnErrorAtItsPosition() {
        Map<String, Long> before = statements();
        JsonObject response = client.query(ENTITIES, Map.of("r", List.of(
                Map.of("__typename", "Widget", "id", "w-07"),
                Map.of("__typename", "Widget", "shelf", "S-1"),
                Map.of("__typename", "Widget", "code", "C-99"),
                representation("code", null, "bin", "B-1"),
                Map.of("__typename", "Widget", "shelf", "S-1", "bin", "B-2"))));
        assertThat(at(response, "data._entities").toString(), is("[{\"id\":\"w-07\",\"code\":\"C-07\",\"shelf\":\"S-0\",\"bin\":\"B-7\"},"
                + "null,null,null,{\"id\":\"w-12\",\"code\":\"C-12\",\"shelf\":\"S-1\",\"bin\":\"B-2\"}]"));
        JsonArray errors = at(response, "errors").asJsonArray();
        assertThat(response.toString(), errors.size(), is(3));
        assertThat(at(errors, "0.path").toString(), is("[\"_entities\",1]"));
        assertThat(string(errors, "0.message"), is("Widget representation {shelf=S-1} carries none of its keys: \"id\", \"code\", \"shelf bin\""));
        assertThat(string(errors, "0.extensions.code"), is("INVALID_REPRESENTATION"));
        assertThat(at(errors, "1.path").toString(), is("[\"_entities\",3]"));
        assertThat(string(errors, "1.extensions.code"), is("INVALID_REPRESENTATION"));
        // a whole key with an unknown value is still "not found", after the routing errors
        assertThat(at(errors, "2.path").toString(), is("[\"_entities\",2]"));
        assertThat(string(errors, "2.message"), is("Widget not found for key {code=C-99}"));
        assertThat(executedSince(before), is(Map.of("widgets-by-ids", 1L, "widgets-by-codes", 1L, "widgets-by-places", 1L)));
    }

    private static Map<String, Object> representation(String field, Object value, String otherField, Object otherValue) {
        Map<String, Object> representation = new java.util.LinkedHashMap<>();
        representation.put("__typename", "Widget");
        representation.put(field, value == null ? JsonValue.NULL : value);
        representation.put(otherField, otherValue == null ? JsonValue.NULL : otherValue);
        return representation;
    }

    private Map<String, Long> statements() {
        Map<String, Long> counts = new java.util.HashMap<>();
        STATEMENTS.forEach(name -> counts.put(name, metrics.counter("db.statements", new Tag("statement", name)).getCount()));
        return counts;
    }

    private Map<String, Long> executedSince(Map<String, Long> before) {
        Map<String, Long> now = statements();
        Map<String, Long> delta = new java.util.HashMap<>();
        now.forEach((name, count) -> delta.put(name, count - before.get(name)));
        return delta;
    }
}
