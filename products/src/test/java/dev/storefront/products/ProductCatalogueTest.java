package dev.storefront.products;

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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** Catalogue queries, filters, pagination, federation and health against the demo catalogue. */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class ProductCatalogueTest {

    private static final String PAGE = "query($first: Int, $after: String, $filter: ProductFilterInput) {"
            + " products(first: $first, after: $after, filter: $filter) {"
            + " edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }";

    @Inject
    MetricRegistry metrics;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer();
    }

    @Test
    void productByIdHasEveryField() {
        JsonObject response = client.query("{ product(id: \"prod-01\") { id sku name description price { amountMinor currency } stock } }");
        assertThat(at(response, "data.product").toString(), is(
                "{\"id\":\"prod-01\",\"sku\":\"TRS-001\",\"name\":\"Trail Running Shoes\","
                        + "\"description\":\"Lightweight shoes with a grippy lugged sole for muddy and rocky trails.\","
                        + "\"price\":{\"amountMinor\":12999,\"currency\":\"EUR\"},\"stock\":25}"));
    }

    @Test
    void demoCatalogueMatchesTheTeamConventions() {
        JsonObject response = client.query("{ products(first: 10) { edges { node { id sku name price { amountMinor } stock } } } }");
        List<String> rows = at(response, "data.products.edges").asJsonArray().stream()
                .map(edge -> string(edge, "node.id") + " " + string(edge, "node.name") + " " + string(edge, "node.sku")
                        + " " + string(edge, "node.price.amountMinor") + " " + string(edge, "node.stock"))
                .toList();
        assertThat(rows, is(List.of(
                "prod-01 Trail Running Shoes TRS-001 12999 25",
                "prod-02 Merino Wool Socks MWS-002 1999 120",
                "prod-03 Waterproof Jacket WPJ-003 18900 12",
                "prod-04 Insulated Water Bottle IWB-004 2999 60",
                "prod-05 Headlamp 400lm HLP-005 4599 40",
                "prod-06 Trekking Poles (pair) TKP-006 8999 18",
                "prod-07 Ultralight Tent 2P ULT-007 34900 6",
                "prod-08 Sleeping Bag -5C SLB-008 21900 9",
                "prod-09 Camp Stove CST-009 5499 30",
                "prod-10 Dry Bag 20L DRB-010 1799 0")));
    }

    @Test
    void unknownProductIsNullWithoutError() {
        JsonObject response = client.query("{ product(id: \"prod-404\") { id } }");
        assertThat(at(response, "data.product"), is(JsonValue.NULL));
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void malformedIdIsAClearErrorAtItsPath() {
        JsonObject response = client.query("{ product(id: \"no spaces\") { id } }");
        assertThat(string(response, "errors.0.message"), containsString("Argument 'id' is not a valid id"));
        assertThat(at(response, "errors.0.path").toString(), is("[\"product\"]"));
    }

    @Test
    void productBySkuIgnoresCase() {
        assertThat(string(client.query("{ productBySku(sku: \"slb-008\") { id } }"), "data.productBySku.id"), is("prod-08"));
        JsonObject unknown = client.query("{ productBySku(sku: \"ZZZ-999\") { id } }");
        assertThat(at(unknown, "data.productBySku"), is(JsonValue.NULL));
        assertThat(unknown.containsKey("errors"), is(false));
        JsonObject malformed = client.query("{ productBySku(sku: \"no spaces\") { id } }");
        assertThat(string(malformed, "errors.0.message"), is(
                "Argument 'sku' is not a valid SKU: 'no spaces' (expected 3-32 letters, digits or '-')"));
        assertThat(at(malformed, "errors.0.path").toString(), is("[\"productBySku\"]"));
    }

    @Test
    void pagesThroughTheWholeCatalogue() {
        JsonObject first = page(null, null, null);
        assertThat(ids(first), hasSize(20));
        assertThat(ids(first).get(0), is("prod-01"));
        assertThat(ids(first).get(19), is("prod-20"));
        assertThat(at(first, "data.products.pageInfo.hasNextPage"), is(JsonValue.TRUE));
        assertThat(at(first, "data.products.pageInfo.hasPreviousPage"), is(JsonValue.FALSE));
        assertThat(string(first, "data.products.pageInfo.endCursor"), is(string(first, "data.products.edges.19.cursor")));

        JsonObject last = page(20, string(first, "data.products.pageInfo.endCursor"), null);
        assertThat(ids(last), is(List.of("prod-21", "prod-22", "prod-23", "prod-24")));
        assertThat(at(last, "data.products.pageInfo.hasNextPage"), is(JsonValue.FALSE));
        assertThat(at(last, "data.products.pageInfo.hasPreviousPage"), is(JsonValue.TRUE));

        JsonObject beyond = page(20, string(last, "data.products.pageInfo.endCursor"), null);
        assertThat(ids(beyond), is(List.of()));
        assertThat(at(beyond, "data.products.pageInfo.hasNextPage"), is(JsonValue.FALSE));
        assertThat(at(beyond, "data.products.pageInfo.endCursor"), is(JsonValue.NULL));
    }

    @Test
    void emptyPage() {
        JsonObject response = page(0, null, null);
        assertThat(ids(response), is(List.of()));
        assertThat(at(response, "data.products.pageInfo.hasNextPage"), is(JsonValue.TRUE));
        assertThat(at(response, "data.products.pageInfo.startCursor"), is(JsonValue.NULL));
    }

    @Test
    void badCursorAndPageSizeAreClearErrors() {
        JsonObject badCursor = client.query("{ products(after: \"not-a-cursor\") { edges { cursor } } }");
        assertThat(string(badCursor, "errors.0.message"), is("Argument 'after' is not a valid cursor: not-a-cursor"));
        assertThat(at(badCursor, "errors.0.path").toString(), is("[\"products\"]"));
        assertThat(at(badCursor, "data"), is(JsonValue.NULL));

        assertThat(string(page(-1, null, null), "errors.0.message"), is("Argument 'first' must be between 0 and 100, was -1"));
        assertThat(string(page(101, null, null), "errors.0.message"), is("Argument 'first' must be between 0 and 100, was 101"));
    }

    @Test
    void textSearchCoversNameDescriptionAndSkuIgnoringCase() {
        // name (prod-03), description "waterproof bag" (prod-10), description "Waterproof gaiters" (prod-20)
        assertThat(ids(page(100, null, Map.of("text", "WATERproof"))), is(List.of("prod-03", "prod-10", "prod-20")));
        assertThat(ids(page(100, null, Map.of("text", "slb-0"))), is(List.of("prod-08")));
        assertThat(ids(page(100, null, Map.of("text", "  merino  "))), is(List.of("prod-02", "prod-24")));
        assertThat(ids(page(100, null, Map.of("text", "no such gear"))), is(List.of()));
    }

    @Test
    void likeWildcardsInTextAreLiteral() {
        assertThat(ids(page(100, null, Map.of("text", "%"))), is(List.of()));
        assertThat(ids(page(100, null, Map.of("text", "_"))), is(List.of()));
        assertThat(ids(page(100, null, Map.of("text", "!"))), is(List.of()));
        // '(' is no wildcard but appears in two names: ordinary characters still match
        assertThat(ids(page(100, null, Map.of("text", "(pair)"))), is(List.of("prod-06", "prod-20")));
    }

    @Test
    void priceAndStockFilters() {
        assertThat(ids(page(100, null, Map.of("minPrice", 10000, "maxPrice", 20000))),
                is(List.of("prod-01", "prod-03", "prod-14", "prod-21")));
        assertThat(ids(page(100, null, Map.of("minPrice", 1999, "maxPrice", 1999))), is(List.of("prod-02")));
        assertThat(ids(page(100, null, Map.of("maxPrice", 1500))), is(List.of("prod-15", "prod-22")));
        assertThat(ids(page(100, null, Map.of("inStock", false))), is(List.of("prod-10", "prod-24")));
        assertThat(ids(page(100, null, Map.of("inStock", true))), hasSize(22));
        assertThat(ids(page(100, null, Map.of("text", "merino", "inStock", true))), is(List.of("prod-02")));
    }

    @Test
    void filteredPagesContinueAfterTheCursor() {
        Map<String, Object> expensive = Map.of("minPrice", 10000);
        JsonObject first = page(2, null, expensive);
        assertThat(ids(first), is(List.of("prod-01", "prod-03")));
        assertThat(at(first, "data.products.pageInfo.hasNextPage"), is(JsonValue.TRUE));
        JsonObject second = page(2, string(first, "data.products.pageInfo.endCursor"), expensive);
        assertThat(ids(second), is(List.of("prod-07", "prod-08")));
        JsonObject third = page(2, string(second, "data.products.pageInfo.endCursor"), expensive);
        assertThat(ids(third), is(List.of("prod-14", "prod-21")));
        assertThat(at(third, "data.products.pageInfo.hasNextPage"), is(JsonValue.FALSE));
    }

    @Test
    void invalidFiltersAreClearErrors() {
        assertThat(string(page(10, null, Map.of("minPrice", 5000, "maxPrice", 1000)), "errors.0.message"),
                is("Argument 'filter.minPrice' (5000) must not exceed 'filter.maxPrice' (1000)"));
        assertThat(string(page(10, null, Map.of("minPrice", -1)), "errors.0.message"),
                is("Argument 'filter.minPrice' must not be negative, was -1"));
        assertThat(string(page(10, null, Map.of("maxPrice", -5)), "errors.0.message"),
                is("Argument 'filter.maxPrice' must not be negative, was -5"));
        JsonObject longText = page(10, null, Map.of("text", "x".repeat(101)));
        assertThat(string(longText, "errors.0.message"), is("Argument 'filter.text' must be at most 100 characters, was 101"));
        assertThat(at(longText, "errors.0.path").toString(), is("[\"products\"]"));
        JsonObject wrongType = page(10, null, Map.of("minPrice", "cheap"));
        assertThat(string(wrongType, "errors.0.message"), containsString("Variable 'filter' has an invalid value"));
    }

    @Test
    void malformedQueriesGetValidationErrorsNotServerErrors() {
        GraphQlClient.Response unknownField = client.post("/graphql",
                "{\"query\":\"{ product(id: \\\"prod-01\\\") { id colour } }\"}", "application/json");
        assertThat(unknownField.status(), is(200));
        assertThat(string(unknownField.json(), "errors.0.message"), containsString("colour"));
        assertThat(unknownField.body(), not(containsString("Exception")));

        GraphQlClient.Response syntax = client.post("/graphql", "{\"query\":\"{ product(id: \"}", "application/json");
        assertThat(syntax.status(), not(is(500)));
        assertThat(syntax.body(), not(containsString("at dev.storefront")));
    }

    @Test
    void serviceSdlDeclaresFederationV2TheProductKeysAndUniqueInputNames() {
        String sdl = string(client.query("{ _service { sdl } }"), "data._service.sdl");
        assertThat(sdl, containsString("url : \"https://specs.apollo.dev/federation/v2.9\""));
        assertThat(sdl, containsString("type Product @key(fields : \"id\", resolvable : true) @key(fields : \"sku\", resolvable : true) {"));
        assertThat(sdl, containsString("type Money @shareable"));
        assertThat(sdl, containsString("type PageInfo @shareable"));
        assertThat(sdl, containsString("type UserError @shareable"));
        assertThat(sdl, containsString("filter: ProductFilterInput"));
        assertThat(sdl, containsString("createProduct(input: CreateProductInput!): ProductPayload!"));
        assertThat(sdl, containsString("updateProduct(id: ID!, input: UpdateProductInput!): ProductPayload!"));
        assertThat(sdl, containsString("stock: Int!"));
        assertThat(sdl, not(containsString("InputInput")));
        assertThat(sdl, not(containsString("BigInteger")));
        assertThat(sdl, not(containsString("DateTime")));
    }

    @Test
    void entitiesResolveFiftyRepresentationsWithOneStatementInOrder() throws Exception {
        try {
            insertBatchProducts();
            List<Map<String, Object>> representations = new ArrayList<>();
            for (int i = 49; i >= 0; i--) {
                representations.add(Map.of("__typename", "Product", "id", String.format("batch-%02d", i)));
            }
            long before = statements("products-by-ids");
            JsonObject response = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name price { amountMinor } stock } } }",
                    Map.of("r", representations));
            assertThat(statements("products-by-ids") - before, is(1L));
            JsonArray entities = at(response, "data._entities").asJsonArray();
            assertThat(entities.size(), is(50));
            for (int i = 0; i < 50; i++) {
                int expected = 49 - i;
                assertThat(string(entities.get(i), "id"), is(String.format("batch-%02d", expected)));
                assertThat(string(entities.get(i), "price.amountMinor"), is(String.valueOf(100 + expected)));
            }
            assertThat(response.containsKey("errors"), is(false));
        } finally {
            // the other tests of this class assert on the demo catalogue alone
            FreshDatabaseExtension.execute("DELETE FROM products WHERE id LIKE 'batch-%'");
        }
    }

    @Test
    void entitiesBySkuResolveFiftyRepresentationsWithOneStatementInOrder() throws Exception {
        try {
            insertBatchProducts();
            List<Map<String, Object>> representations = new ArrayList<>();
            for (int i = 49; i >= 0; i--) {
                // SKUs are case-insensitive, as in productBySku
                String sku = String.format(i % 2 == 0 ? "BAT-%02d" : "bat-%02d", i);
                representations.add(Map.of("__typename", "Product", "sku", sku));
            }
            long byIdsBefore = statements("products-by-ids");
            long bySkusBefore = statements("products-by-skus");
            JsonObject response = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id sku price { amountMinor } } } }",
                    Map.of("r", representations));
            assertThat(response.toString(), response.containsKey("errors"), is(false));
            assertThat(statements("products-by-skus") - bySkusBefore, is(1L));
            assertThat(statements("products-by-ids") - byIdsBefore, is(0L));
            JsonArray entities = at(response, "data._entities").asJsonArray();
            assertThat(entities.size(), is(50));
            for (int i = 0; i < 50; i++) {
                int expected = 49 - i;
                assertThat(string(entities.get(i), "id"), is(String.format("batch-%02d", expected)));
                assertThat(string(entities.get(i), "sku"), is(String.format("BAT-%02d", expected)));
                assertThat(string(entities.get(i), "price.amountMinor"), is(String.valueOf(100 + expected)));
            }
        } finally {
            FreshDatabaseExtension.execute("DELETE FROM products WHERE id LIKE 'batch-%'");
        }
    }

    @Test
    void entitiesByIdAndSkuTogetherAreOneStatementPerKeyInOrder() {
        long byIdsBefore = statements("products-by-ids");
        long bySkusBefore = statements("products-by-skus");
        JsonObject response = client.query("{ _entities(representations: ["
                + "{__typename: \"Product\", sku: \"SLB-008\"}, {__typename: \"Product\", id: \"prod-01\"}, "
                + "{__typename: \"Product\", sku: \"ZZZ-999\"}, {__typename: \"Product\", sku: \"no spaces\"}, "
                + "{__typename: \"Product\", id: \"prod-03\", sku: \"TRS-001\"}, {__typename: \"Product\", name: \"Camp Stove\"}, "
                + "{__typename: \"Product\", sku: \"MWS-002\"}]) { ... on Product { id } } }");
        // a representation with both keys goes by id, the first declared key
        assertThat(at(response, "data._entities").toString(),
                is("[{\"id\":\"prod-08\"},{\"id\":\"prod-01\"},null,null,{\"id\":\"prod-03\"},null,{\"id\":\"prod-02\"}]"));
        assertThat(statements("products-by-ids") - byIdsBefore, is(1L));
        assertThat(statements("products-by-skus") - bySkusBefore, is(1L));
        JsonArray errors = at(response, "errors").asJsonArray();
        assertThat(response.toString(), errors.size(), is(3));
        assertThat(at(errors, "0.path").toString(), is("[\"_entities\",5]"));
        assertThat(string(errors, "0.message"), is("Product representation {name=Camp Stove} carries none of its keys: \"id\", \"sku\""));
        assertThat(at(errors, "1.path").toString(), is("[\"_entities\",2]"));
        assertThat(string(errors, "1.message"), is("Product not found for key {sku=ZZZ-999}"));
        assertThat(at(errors, "2.path").toString(), is("[\"_entities\",3]"));
    }

    @Test
    void unknownEntityKeysAreNullWithAnErrorAtTheirPosition() {
        JsonObject response = client.query("{ _entities(representations: [{__typename: \"Product\", id: \"prod-01\"}, "
                + "{__typename: \"Product\", id: \"ghost\"}, {__typename: \"Product\", id: 42}, "
                + "{__typename: \"Product\", id: \"prod-02\"}]) { ... on Product { id sku } } }");
        assertThat(at(response, "data._entities").toString(),
                is("[{\"id\":\"prod-01\",\"sku\":\"TRS-001\"},null,null,{\"id\":\"prod-02\",\"sku\":\"MWS-002\"}]"));
        assertThat(at(response, "errors.0.path").toString(), is("[\"_entities\",1]"));
        assertThat(string(response, "errors.0.message"), containsString("Product not found"));
        assertThat(at(response, "errors.1.path").toString(), is("[\"_entities\",2]"));
        assertThat(at(response, "errors").asJsonArray().size(), is(2));
    }

    @Test
    void healthAndMetrics() {
        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(200));
        assertThat(string(ready.json(), "checks.0.name"), is("database"));
        client.query("{ product(id: \"prod-01\") { id } }");
        GraphQlClient.Response metricsText = client.get("/metrics");
        assertThat(metricsText.status(), is(200));
        assertThat(metricsText.body(), containsString("statement=\"product-by-id\""));
    }

    private JsonObject page(Integer first, String after, Map<String, Object> filter) {
        Map<String, Object> variables = new java.util.HashMap<>();
        if (first != null) {
            variables.put("first", first);
        }
        if (after != null) {
            variables.put("after", after);
        }
        if (filter != null) {
            variables.put("filter", filter);
        }
        return client.query(PAGE, variables);
    }

    /** Products batch-00..batch-49 with SKUs BAT-00..BAT-49; tests delete them again (the others assert on the demo catalogue alone). */
    private static void insertBatchProducts() throws Exception {
        for (int i = 0; i < 50; i++) {
            FreshDatabaseExtension.execute(String.format(
                    "INSERT INTO products (id, sku, name, description, price_minor, currency, stock, created_at, updated_at)"
                            + " VALUES ('batch-%02d', 'BAT-%02d', 'Batch %02d', '', %d, 'EUR', 1, '2026-02-01 00:00:00', '2026-02-01 00:00:00')",
                    i, i, i, 100 + i));
        }
    }

    private long statements(String name) {
        return metrics.counter("db.statements", new Tag("statement", name)).getCount();
    }

    private static List<String> ids(JsonObject response) {
        JsonValue edges = at(response, "data.products.edges");
        if (edges == JsonValue.NULL) {
            throw new AssertionError("No products in response: " + response);
        }
        return edges.asJsonArray().stream().map(edge -> string(edge, "node.id")).toList();
    }
}
