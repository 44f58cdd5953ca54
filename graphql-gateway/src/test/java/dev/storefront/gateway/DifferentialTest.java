package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends the same operations to this gateway and to @apollo/gateway (node, same supergraph, same
 * fixture subgraphs) and compares: identical data, errors at the same paths. Skipped when
 * src/test/js has no node_modules (run npm ci there).
 */
class DifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ShopGateway shop;
    private static ReferenceGateway reference;
    private static int referencePort;

    static final List<String> OPERATIONS = List.of(
            "{ me { id name tier } }",
            "{ me { name nickname address { city country } } }",
            "{ accounts { id name nickname } }",
            "{ account(id: \"a2\") { name reviews { body rating } } }",
            "{ account(id: \"zz\") { name } }",
            "{ a: product(id: \"p2\") { name } b: product(id: \"p3\") { name } me { name } }",
            "{ product(id: \"p1\") { name price { amount currency } stock shippingEstimate deliveryNote } }",
            "{ product(id: \"p7\") { weight shippingEstimate deliveryNote } }",
            "{ product(id: \"p14\") { deliveryNote stock } }",
            "{ product(id: \"p20\") { stock shippingEstimate warehouse { code city } } }",
            "{ product(id: \"p1\") { x: reviewCount(minRating: 3) y: reviewCount z: reviewCount(minRating: 1) } }",
            "{ product(id: \"p1\") { id: name sku: stock } }",
            "{ product(id: \"p3\") { related { id name stock } } }",
            "{ product(id: \"p999\") { name } }",
            "{ productBySku(sku: \"sku-5\") { id name reviews { id } } }",
            "{ products(first: 10) { id name inStock rank } }",
            "{ products(first: 3) { id seller { name tier } } }",
            "{ products(first: 4) { id reviewCount } }",
            "{ products(first: 12) { sku stock shippingEstimate } }",
            "{ latestReviews { id body product { name } } }",
            "{ latestReviews(limit: 3) { author { name } } }",
            "{ latestReviews(limit: 2) { author { name tier reviews { id } } } }",
            "{ latestReviews(limit: 1) { author { address { city } } } }",
            "{ review(id: \"r5\") { id product { id name } } }",
            "{ review(id: \"r2\") { product { deliveryNote name } } }",
            "{ search(text: \"ab\") { __typename ... on Product { name stock } ... on Category { name } } }",
            "{ search(text: \"x\") { ... on Category { products { name stock } } } }",
            "{ media { __typename id title reviewScore ... on Book { pages } ... on Movie { minutes } } }",
            "{ media { id ... on Movie { reviewScore } } }",
            "{ topMedia { id reviewScore } }",
            "{ topMedia { __typename id reviewScore title ... on Movie { minutes } } }",
            "{ categories { name products { name stock warehouse { city } } } __typename }",
            "{ lowStock { sku name warehouse { city } } }",
            "query Q { product(id: \"p3\") { ...P ... on Product { price { ...M } } __typename } } fragment P on Product { name stock } fragment M on Money { amount currency }",
            "query($skip: Boolean = true) { me { name tier @skip(if: $skip) ... on Account @include(if: $skip) { id } } }",
            "query($id: ID! = \"p4\") { product(id: $id) { name reviews { body author { name } } } }",
            "{ me { __typename } product(id: \"p2\") { __typename price { __typename amount } } }",
            // independent branches of different depths (laid out as Parallel of Sequences)
            "{ account(id: \"a1\") { name reviews { body product { name stock } } } products(first: 2) { name seller { tier } } }",
            "{ product(id: \"p7\") { name deliveryNote reviews { author { tier } } } latestReviews(limit: 2) { product { name stock } } }",
            "{ latestReviews(limit: 2) { product { stock } } }",
            "{ __type(name: \"Account\") { name fields { name } } }",
            "{ __schema { queryType { name } mutationType { name } } }",
            "mutation { renameAccount(id: \"a3\", name: \"Chen\") { name reviews { id } } }",
            "mutation { addReview(productId: \"p2\", body: \"fine\", rating: 4) { id body product { name stock } } }",
            "mutation { addProduct(name: \"Lamp\", priceAmount: 1200) { name price { amount } } }",
            "{ me { passwordHash } }",
            "{ nope }");

    @BeforeAll
    static void start() throws Exception {
        ReferenceGateway.assumeNodeModules();
        shop = new ShopGateway();
        reference = ReferenceGateway.start(shop);
        referencePort = reference.port();
    }

    @AfterAll
    static void stop() {
        if (reference != null) {
            reference.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> reference(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + referencePort + "/"))
                .header("Content-Type", "application/json").header("apollo-require-preflight", "true")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readValue(response.body(), Map.class);
    }

    private static List<Object> errorPaths(Object errors) {
        List<Object> paths = new ArrayList<>();
        if (errors instanceof List<?> list) {
            for (Object e : list) {
                paths.add(((Map<?, ?>) e).get("path"));
            }
        }
        return paths;
    }

    @Test
    @SuppressWarnings("unchecked")
    void sameDataAndErrorPathsAsTheReferenceGateway() throws Exception {
        assertTrue(OPERATIONS.size() >= 40);
        List<String> differences = new ArrayList<>();
        for (String operation : OPERATIONS) {
            Map<String, Object> ours = JSON.readValue(shop.run(operation), Map.class);
            Map<String, Object> theirs = reference(operation);
            // JSON numbers compare by value (JavaScript prints 4.0 as 4)
            if (!JSON.readTree(JSON.writeValueAsString(ours.get("data"))).equals(
                    (a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1,
                    JSON.readTree(JSON.writeValueAsString(theirs.get("data"))))) {
                differences.add(operation + "\n  ours:   " + ours.get("data") + "\n  theirs: " + theirs.get("data"));
            }
            // @apollo/gateway nulls a missing entity's non-null field silently; we also report it
            Object ourErrors = ours.get("errors") instanceof List<?> list && list.stream().allMatch(e ->
                    String.valueOf(((Map<?, ?>) e).get("message")).startsWith("Cannot return null for non-nullable field"))
                    && theirs.get("errors") == null ? null : ours.get("errors");
            if ((ourErrors == null) != (theirs.get("errors") == null)) {
                differences.add(operation + "\n  errors ours:   " + ours.get("errors") + "\n  errors theirs: " + theirs.get("errors"));
            }
        }
        assertEquals("", String.join("\n", differences));
    }
}
