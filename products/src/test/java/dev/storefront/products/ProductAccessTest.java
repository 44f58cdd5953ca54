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
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Who may do what in the catalogue: reads are public (no token needed), the three admin mutations
 * refuse everyone but an ADMIN with a GraphQL error, no data and no change to the catalogue.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class ProductAccessTest {

    /**
     * One call of each admin mutation, each a change that would be visible afterwards.
     *
     * @param productId product to rename and empty
     * @param newSku    SKU of the product to create
     */
    private static Map<String, Mutation> adminMutations(String productId, String newSku) {
        return Map.of(
                "createProduct", new Mutation("mutation($input: CreateProductInput!) { createProduct(input: $input) {"
                        + " product { id } userErrors { code } } }",
                        Map.of("input", Map.of("sku", newSku, "name", "Created by " + newSku,
                                "price", Map.of("amountMinor", 100, "currency", "EUR"), "stock", 1))),
                "updateProduct", new Mutation("mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) {"
                        + " product { id name } userErrors { code } } }",
                        Map.of("id", productId, "input", Map.of("name", "Renamed"))),
                "adjustStock", new Mutation("mutation($id: ID!, $delta: Int!) { adjustStock(id: $id, delta: $delta) {"
                        + " product { id stock } userErrors { code } } }",
                        Map.of("id", productId, "delta", -1)));
    }

    private GraphQlClient anonymous;

    @BeforeEach
    void connect() {
        anonymous = GraphQlClient.forRunningServer();
    }

    @Test
    void catalogueReadsNeedNoToken() {
        JsonObject response = anonymous.query("{ product(id: \"prod-01\") { name } productBySku(sku: \"MWS-002\") { id }"
                + " products(first: 1) { edges { node { id } } } }");
        assertThat(response.containsKey("errors"), is(false));
        assertThat(at(response, "data").toString(), is("{\"product\":{\"name\":\"Trail Running Shoes\"},"
                + "\"productBySku\":{\"id\":\"prod-02\"},\"products\":{\"edges\":[{\"node\":{\"id\":\"prod-01\"}}]}}"));
    }

    @Test
    void adminMutationsRefuseCallersWithoutAValidToken() {
        Map<String, GraphQlClient> callers = Map.of(
                "no token", anonymous,
                "expired token", anonymous.withBearer(TestTokenIssuer.expiredToken("user-5", "ADMIN")),
                "token signed by another key", anonymous.withBearer(TestTokenIssuer.tokenSignedByAnotherKey("user-5", "ADMIN")),
                "token for another audience", anonymous.withBearer(TestTokenIssuer.tokenForAudience("another-app", "user-5", "ADMIN")));
        Map<String, String> expectedMessages = Map.of(
                "no token", "Not authenticated: sign in and send 'Authorization: Bearer <token>'",
                "expired token", "Not authenticated: The token has expired; sign in again",
                "token signed by another key", "Not authenticated: The token's signature is not from a trusted key",
                "token for another audience", "Not authenticated: The token was issued for another audience");
        callers.forEach((caller, client) -> adminMutations("prod-01", "ACC-001").forEach((field, mutation) ->
                assertRefused(caller, field, client.query(mutation.document(), mutation.variables()), expectedMessages.get(caller))));
        assertCatalogueUnchanged();
    }

    @Test
    void adminMutationsRefuseCustomers() {
        GraphQlClient customer = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER"));
        adminMutations("prod-01", "ACC-001").forEach((field, mutation) -> assertRefused("customer", field,
                customer.query(mutation.document(), mutation.variables()),
                "Access denied: this operation requires the ADMIN role"));
        assertCatalogueUnchanged();
    }

    @Test
    void anAdminMayChangeTheCatalogue() {
        GraphQlClient admin = anonymous.withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
        Map<String, Mutation> mutations = adminMutations("prod-09", "ACC-002");
        for (String field : List.of("createProduct", "updateProduct", "adjustStock")) {
            Mutation mutation = mutations.get(field);
            JsonObject response = admin.query(mutation.document(), mutation.variables());
            assertThat(field + ": " + response, response.containsKey("errors"), is(false));
            assertThat(field, at(response, "data." + field + ".userErrors").toString(), is("[]"));
            assertThat(field, string(response, "data." + field + ".product.id"), not(nullValue()));
        }
        JsonObject read = anonymous.query("{ product(id: \"prod-09\") { name stock } productBySku(sku: \"ACC-002\") { name } }");
        assertThat(at(read, "data").toString(), is("{\"product\":{\"name\":\"Renamed\",\"stock\":29},"
                + "\"productBySku\":{\"name\":\"Created by ACC-002\"}}"));
    }

    private static void assertRefused(String caller, String field, JsonObject response, String message) {
        String context = caller + " calling " + field + ": " + response;
        // the payload type is non-null, so the refusal nulls the whole data object
        assertThat(context, at(response, "data"), is(JsonValue.NULL));
        assertThat(context, string(response, "errors.0.message"), is(message));
        assertThat(context, at(response, "errors.0.path").toString(), is("[\"" + field + "\"]"));
    }

    private void assertCatalogueUnchanged() {
        JsonObject read = anonymous.query("{ product(id: \"prod-01\") { name stock } productBySku(sku: \"ACC-001\") { id } }");
        assertThat(at(read, "data").toString(), is("{\"product\":{\"name\":\"Trail Running Shoes\",\"stock\":25},"
                + "\"productBySku\":null}"));
    }

    private record Mutation(String document, Map<String, ?> variables) {
    }
}
