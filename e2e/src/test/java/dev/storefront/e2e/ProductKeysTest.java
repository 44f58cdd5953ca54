package dev.storefront.e2e;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * Product has two keys in the products subgraph ({@code id} and {@code sku}) and one in orders
 * ({@code id}): the gateway still jumps from an order item to products by the key orders holds,
 * and the products process resolves references by either key.
 */
class ProductKeysTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theGatewayJumpsFromOrderItemsToProductsByTheKeyOrdersHolds() throws Exception {
        String gateway = STACK.stack().gatewayUrl();
        String grace = StorefrontStack.login(gateway, "grace@example.com", "storefront-demo");
        String body = Json.createObjectBuilder()
                .add("query", "{ order(id: \"order-3\") { items { product { id sku name } } } }")
                .build().toString();
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + grace)
                        .header("X-Query-Plan", "true")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject response = Json.createReader(new StringReader(answer.body())).readObject();
        assertThat(response.getJsonObject("data").toString(), is("{\"order\":{\"items\":["
                + "{\"product\":{\"id\":\"prod-03\",\"sku\":\"WPJ-003\",\"name\":\"Waterproof Jacket\"}},"
                + "{\"product\":{\"id\":\"prod-04\",\"sku\":\"IWB-004\",\"name\":\"Insulated Water Bottle\"}}]}}"));
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        String plan = response.getJsonObject("extensions").getString("queryPlan");
        // orders holds only the id of a product, so that is the key the products fetch goes by
        assertThat(plan, containsString("Fetch(service: \"products\") {\n        {... on Product {__typename id}} =>\n"));
        assertThat(plan, not(containsString("__typename sku")));
    }

    @Test
    void theProductsServiceResolvesReferencesByIdOrSku() throws Exception {
        JsonObject response = StorefrontStack.graphql(STACK.stack().url("products"),
                "{ _entities(representations: [{__typename: \"Product\", sku: \"WPJ-003\"}, {__typename: \"Product\", id: \"prod-04\"},"
                        + " {__typename: \"Product\", sku: \"iwb-004\"}]) { ... on Product { id name } } }", Map.of());
        assertThat(response.toString(), is("{\"data\":{\"_entities\":[{\"id\":\"prod-03\",\"name\":\"Waterproof Jacket\"},"
                + "{\"id\":\"prod-04\",\"name\":\"Insulated Water Bottle\"},{\"id\":\"prod-04\",\"name\":\"Insulated Water Bottle\"}]}}"));
    }
}
