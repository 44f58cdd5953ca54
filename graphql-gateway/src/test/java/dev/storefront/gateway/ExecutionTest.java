package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batching, deduplication, parallelism and failure handling against the real fixture subgraphs. */
class ExecutionTest {
    private static ShopGateway shop;

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopGateway();
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @BeforeEach
    void reset() {
        shop.subgraphs.reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void hundredEntitiesTakeOneEntitiesCallPerSubgraphPerStep() throws Exception {
        String q = "{ products(first: 100) { id stock warehouse { city } seller { name } reviews { id } } }";
        Map<String, Object> body = new ObjectMapper().readValue(shop.run(q), Map.class);
        List<Object> products = (List<Object>) ((Map<String, Object>) body.get("data")).get("products");
        assertEquals(100, products.size());
        assertEquals(1, shop.subgraphs.catalog.requests());
        assertEquals(1, shop.subgraphs.inventory.requests(), "stock and warehouse for 100 products: one _entities call");
        assertEquals(1, shop.subgraphs.accounts.requests(), "100 sellers: one call");
        assertEquals(1, shop.subgraphs.reviews.requests());
        // 100 products have only 3 distinct sellers: representations are deduplicated
        Map<String, Object> accountsCall = shop.subgraphs.accounts.received().getFirst();
        assertEquals(3, ((List<?>) ((Map<String, Object>) accountsCall.get("variables")).get("representations")).size());
        assertEquals(Map.of("id", "p7", "stock", 4, "warehouse", Map.of("city", "Porto"), "seller", Map.of("name", "Brian"),
                "reviews", List.of()), products.get(6));
    }

    @Test
    void independentFetchesRunInParallel() {
        shop.subgraphs.accounts.delay(300);
        shop.subgraphs.catalog.delay(300);
        shop.subgraphs.reviews.delay(300);
        long start = System.nanoTime();
        String result = shop.run("{ me { name } products(first: 1) { name } latestReviews(limit: 1) { id } }");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(result.startsWith("{\"data\":{\"me\""), result);
        assertTrue(millis < 800, "three 300 ms subgraphs in parallel took " + millis + " ms");
    }

    @Test
    void aBranchRunsToItsEndWhileAnUnrelatedRootFetchIsOutstanding() {
        // branch 1: accounts -> reviews _entities -> catalog _entities; branch 2: catalog products.
        // catalog holds its products answer until branch 1's last hop reaches it. With fetches laid
        // out in depth stages, that hop waits for products: the hold runs out (1.5 s, under the 2 s
        // subgraph timeout) and is counted.
        CountDownLatch lastHopArrived = new CountDownLatch(1);
        shop.subgraphs.catalog.signalArrival(body -> String.valueOf(body.get("query")).contains("_entities"), lastHopArrived);
        shop.subgraphs.catalog.hold(body -> String.valueOf(body.get("query")).contains("{products("), lastHopArrived,
                Duration.ofMillis(1500));
        String result = shop.run("{ account(id: \"a1\") { reviews { product { name } } } products(first: 2) { name } }");
        assertEquals(0, shop.subgraphs.catalog.holdsTimedOut(), "products was held to the limit: the other branch's last hop waited for it");
        assertEquals(0, lastHopArrived.getCount());
        assertEquals("{\"data\":{\"account\":{\"reviews\":[{\"product\":{\"name\":\"Product 1\"}},{\"product\":{\"name\":\"Product 4\"}},"
                + "{\"product\":{\"name\":\"Product 3\"}}]},\"products\":[{\"name\":\"Product 1\"},{\"name\":\"Product 2\"}]}}", result);
        assertEquals(2, shop.subgraphs.catalog.requests());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailingSubgraphYieldsPartialDataWithErrorsAtItsPaths() throws Exception {
        shop.subgraphs.inventory.down(true);
        String q = "{ product(id: \"p2\") { name stock shippingEstimate } me { name } }";
        Map<String, Object> body = new ObjectMapper().readValue(shop.run(q), Map.class);
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertEquals(Map.of("name", "Ada"), data.get("me"));
        // stock is Int!: the product becomes null, the rest of the response survives
        assertNull(data.get("product"));
        Map<String, Object> error = ((List<Map<String, Object>>) body.get("errors")).getFirst();
        assertEquals(List.of("product"), error.get("path"));
        assertEquals("inventory", ((Map<String, Object>) error.get("extensions")).get("serviceName"));
        assertTrue(error.get("message").toString().contains("503"), error.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSlowSubgraphTimesOutWithoutFailingTheRest() throws Exception {
        shop.subgraphs.reviews.delay(3000); // the harness gives subgraphs 2 s
        Map<String, Object> body = new ObjectMapper().readValue(
                shop.run("{ me { name } review(id: \"r1\") { id } }"), Map.class);
        assertEquals(Map.of("name", "Ada"), ((Map<String, Object>) body.get("data")).get("me"));
        Map<String, Object> error = ((List<Map<String, Object>>) body.get("errors")).getFirst();
        assertEquals(List.of("review"), error.get("path"));
        assertEquals("SUBREQUEST_TIMEOUT", ((Map<String, Object>) error.get("extensions")).get("code"));
    }

    @Test
    void aRootSubgraphDownNullsOnlyItsFields() {
        shop.subgraphs.accounts.down(true);
        String result = shop.run("{ me { name } product(id: \"p1\") { name } }");
        assertTrue(result.contains("\"data\":{\"me\":null,\"product\":{\"name\":\"Product 1\"}}"), result);
        assertTrue(result.contains("\"path\":[\"me\"]"), result);
    }
}
