package dev.storefront.products;

import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

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
import static org.hamcrest.Matchers.startsWith;

/** Admin mutations, called by an admin: success, and every userError code they document. */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class ProductMutationsTest {

    private static final String PRODUCT_FIELDS = "product { id sku name description price { amountMinor currency } stock }"
            + " userErrors { field code message }";
    private static final String CREATE = "mutation($input: CreateProductInput!) { createProduct(input: $input) { "
            + PRODUCT_FIELDS + " } }";
    private static final String UPDATE = "mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { "
            + PRODUCT_FIELDS + " } }";
    private static final String ADJUST = "mutation($id: ID!, $delta: Int!) { adjustStock(id: $id, delta: $delta) { "
            + PRODUCT_FIELDS + " } }";

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer().withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
    }

    @Test
    void createProductStoresItAndItCanBeReadBack() {
        JsonObject created = client.query(CREATE, Map.of("input", Map.of(
                "sku", " grl-100 ", "name", "Gas Lantern", "description", "Bright and warm.",
                "price", Map.of("amountMinor", 3450, "currency", "EUR"), "stock", 7)));
        assertThat(at(created, "data.createProduct.userErrors").toString(), is("[]"));
        String id = string(created, "data.createProduct.product.id");
        assertThat(id, startsWith("prod-"));
        assertThat(string(created, "data.createProduct.product.sku"), is("GRL-100"));

        JsonObject read = client.query("query($id: ID!) { product(id: $id) { sku name description price { amountMinor currency } stock } }",
                Map.of("id", id));
        assertThat(at(read, "data.product").toString(), is("{\"sku\":\"GRL-100\",\"name\":\"Gas Lantern\","
                + "\"description\":\"Bright and warm.\",\"price\":{\"amountMinor\":3450,\"currency\":\"EUR\"},\"stock\":7}"));
        assertThat(string(client.query("{ productBySku(sku: \"GRL-100\") { id } }"), "data.productBySku.id"), is(id));
    }

    @Test
    void createProductDefaultsDescriptionAndStock() {
        JsonObject created = client.query(CREATE, Map.of("input", Map.of(
                "sku", "MIN-001", "name", "Minimal", "price", Map.of("amountMinor", 0, "currency", "EUR"))));
        assertThat(string(created, "data.createProduct.product.description"), is(""));
        assertThat(string(created, "data.createProduct.product.stock"), is("0"));
        assertThat(string(created, "data.createProduct.product.price.amountMinor"), is("0"));
    }

    @Test
    void createProductReportsEveryInvalidFieldAndStoresNothing() {
        JsonObject response = client.query(CREATE, Map.of("input", Map.of(
                "sku", "-x", "name", "   ", "description", "d".repeat(2001),
                "price", Map.of("amountMinor", -1, "currency", "USD"), "stock", -3)));
        assertThat(at(response, "data.createProduct.product"), is(JsonValue.NULL));
        assertThat(codesAndFields(response, "createProduct"), is(List.of(
                "INVALID_SKU [\"input\",\"sku\"]",
                "INVALID_NAME [\"input\",\"name\"]",
                "INVALID_DESCRIPTION [\"input\",\"description\"]",
                "INVALID_PRICE [\"input\",\"price\",\"amountMinor\"]",
                "INVALID_CURRENCY [\"input\",\"price\",\"currency\"]",
                "NEGATIVE_STOCK [\"input\",\"stock\"]")));
        assertThat(string(response, "data.createProduct.userErrors.0.message"),
                is("SKU must be 3-32 letters, digits or '-', not starting with '-'; was '-x'"));
        assertThat(string(response, "data.createProduct.userErrors.4.message"), is("The catalogue is priced in EUR, was USD"));
        assertThat(at(client.query("{ productBySku(sku: \"X-X\") { id } }"), "data.productBySku"), is(JsonValue.NULL));
    }

    @Test
    void createProductWithATakenSkuIsADuplicateWhateverItsCase() {
        for (String sku : List.of("TRS-001", "trs-001")) {
            JsonObject response = client.query(CREATE, Map.of("input", Map.of(
                    "sku", sku, "name", "Copy", "price", Map.of("amountMinor", 100, "currency", "EUR"))));
            assertThat(at(response, "data.createProduct.product"), is(JsonValue.NULL));
            assertThat(codesAndFields(response, "createProduct"), is(List.of("DUPLICATE_SKU [\"input\",\"sku\"]")));
            assertThat(string(response, "data.createProduct.userErrors.0.message"),
                    is("SKU TRS-001 is already used by another product"));
        }
    }

    @Test
    void createProductWithoutRequiredFieldsIsAValidationError() {
        GraphQlClient.Response response = client.post("/graphql",
                "{\"query\":\"mutation { createProduct(input: {name: \\\"No SKU\\\", price: {amountMinor: 1, currency: \\\"EUR\\\"}}) { product { id } } }\"}",
                "application/json");
        assertThat(response.status(), is(200));
        assertThat(string(response.json(), "errors.0.message"), containsString("sku"));
        assertThat(response.body(), not(containsString("Exception")));
    }

    @Test
    void updateProductChangesOnlyTheGivenFields() {
        String id = create("UPD-001", 5000, 4);
        JsonObject updated = client.query(UPDATE, Map.of("id", id, "input", Map.of(
                "name", "Renamed", "price", Map.of("amountMinor", 4500, "currency", "EUR"))));
        assertThat(at(updated, "data.updateProduct.userErrors").toString(), is("[]"));
        assertThat(at(updated, "data.updateProduct.product").toString(), is("{\"id\":\"" + id + "\",\"sku\":\"UPD-001\","
                + "\"name\":\"Renamed\",\"description\":\"Created by a test\","
                + "\"price\":{\"amountMinor\":4500,\"currency\":\"EUR\"},\"stock\":4}"));

        JsonObject newSku = client.query(UPDATE, Map.of("id", id, "input", Map.of("sku", "upd-002", "description", "")));
        assertThat(string(newSku, "data.updateProduct.product.sku"), is("UPD-002"));
        assertThat(string(newSku, "data.updateProduct.product.description"), is(""));
        assertThat(string(newSku, "data.updateProduct.product.name"), is("Renamed"));
    }

    @Test
    void updateProductUserErrors() {
        String id = create("UPD-101", 5000, 4);
        JsonObject missing = client.query(UPDATE, Map.of("id", "prod-404", "input", Map.of("name", "Ghost")));
        assertThat(codesAndFields(missing, "updateProduct"), is(List.of("NOT_FOUND [\"id\"]")));
        assertThat(at(missing, "data.updateProduct.product"), is(JsonValue.NULL));

        JsonObject duplicate = client.query(UPDATE, Map.of("id", id, "input", Map.of("sku", "MWS-002")));
        assertThat(codesAndFields(duplicate, "updateProduct"), is(List.of("DUPLICATE_SKU [\"input\",\"sku\"]")));

        JsonObject invalid = client.query(UPDATE, Map.of("id", id, "input", Map.of(
                "name", "", "price", Map.of("amountMinor", -10, "currency", "EUR"))));
        assertThat(codesAndFields(invalid, "updateProduct"), is(List.of(
                "INVALID_NAME [\"input\",\"name\"]", "INVALID_PRICE [\"input\",\"price\",\"amountMinor\"]")));

        // nothing changed by the refused updates
        JsonObject unchanged = client.query("query($id: ID!) { product(id: $id) { sku name price { amountMinor } } }", Map.of("id", id));
        assertThat(at(unchanged, "data.product").toString(),
                is("{\"sku\":\"UPD-101\",\"name\":\"Test item UPD-101\",\"price\":{\"amountMinor\":5000}}"));

        JsonObject malformedId = client.query(UPDATE, Map.of("id", "bad id", "input", Map.of("name", "x")));
        assertThat(string(malformedId, "errors.0.message"), containsString("Argument 'id' is not a valid id"));
        assertThat(at(malformedId, "errors.0.path").toString(), is("[\"updateProduct\"]"));
    }

    @Test
    void adjustStockAddsAndRemovesButNeverBelowZero() {
        String id = create("ADJ-001", 1000, 3);
        assertThat(string(client.query(ADJUST, Map.of("id", id, "delta", 5)), "data.adjustStock.product.stock"), is("8"));
        assertThat(string(client.query(ADJUST, Map.of("id", id, "delta", -8)), "data.adjustStock.product.stock"), is("0"));

        JsonObject negative = client.query(ADJUST, Map.of("id", id, "delta", -1));
        assertThat(at(negative, "data.adjustStock.product"), is(JsonValue.NULL));
        assertThat(codesAndFields(negative, "adjustStock"), is(List.of("NEGATIVE_STOCK [\"delta\"]")));
        assertThat(string(negative, "data.adjustStock.userErrors.0.message"),
                is("Stock of " + id + " is 0; removing 1 would make it negative"));

        JsonObject missing = client.query(ADJUST, Map.of("id", "prod-404", "delta", 1));
        assertThat(codesAndFields(missing, "adjustStock"), is(List.of("NOT_FOUND [\"id\"]")));

        JsonObject huge = client.query(ADJUST, Map.of("id", id, "delta", 1_000_001));
        assertThat(codesAndFields(huge, "adjustStock"), is(List.of("INVALID_DELTA [\"delta\"]")));

        JsonObject read = client.query("query($id: ID!) { product(id: $id) { stock } }", Map.of("id", id));
        assertThat(string(read, "data.product.stock"), is("0"));
    }

    private String create(String sku, int priceMinor, int stock) {
        JsonObject created = client.query(CREATE, Map.of("input", Map.of(
                "sku", sku, "name", "Test item " + sku, "description", "Created by a test",
                "price", Map.of("amountMinor", priceMinor, "currency", "EUR"), "stock", stock)));
        String id = string(created, "data.createProduct.product.id");
        if (id == null) {
            throw new AssertionError("createProduct failed: " + created);
        }
        return id;
    }

    private static List<String> codesAndFields(JsonObject response, String mutation) {
        JsonValue errors = at(response, "data." + mutation + ".userErrors");
        if (errors == JsonValue.NULL) {
            throw new AssertionError("No userErrors in " + response);
        }
        return errors.asJsonArray().stream()
                .map(error -> string(error, "code") + " " + at(error, "field"))
                .toList();
    }
}
