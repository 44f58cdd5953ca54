package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.fixtures.ShopSubgraphs;
import dev.storefront.gateway.supergraph.Supergraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parsed-operation and plan caches when more distinct operations arrive than they hold: the
 * storefront's own operations stay parsed and planned through a burst of one-off ones.
 */
class OperationCachesTest {
    private static final int CACHE_SIZE = 50;
    private static ShopSubgraphs subgraphs;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        subgraphs = new ShopSubgraphs();
        Supergraph supergraph = Supergraph.parse(FixtureSubgraph.resource("supergraphs/shop.graphql")).withUrls(subgraphs.urls());
        gateway = Gateway.builder(supergraph, new SubgraphClient(Duration.ofSeconds(2), Map.of())).planCacheSize(CACHE_SIZE).build();
    }

    @AfterAll
    static void stop() {
        subgraphs.close();
    }

    private static Map<String, Object> run(String query) {
        Map<String, Object> body = gateway.execute(ExecutionRequest.of(new GraphQLRequest(query, null, Map.of(), Map.of()))).body();
        assertEquals(null, body.get("errors"), query);
        return body;
    }

    @Test
    void frequentOperationsStayCachedThroughABurstOfOneOffOperations() {
        List<String> storefront = List.of(
                "query Listing { products(first: 3) { name price { amount currency } } }",
                "query Detail { product(id: \"p2\") { name stock shippingEstimate } }",
                "query Me { me { name tier } }",
                "query Reviews { latestReviews(limit: 2) { id } }");
        // a running gateway's caches are populated; Caffeine counts use frequencies from half full on
        for (int i = 0; i < 30; i++) {
            run("query Earlier" + i + " { product(id: \"p" + (i % 7 + 1) + "\") { name stock } }");
        }
        for (int round = 0; round < 10; round++) {
            storefront.forEach(OperationCachesTest::run);
        }
        // three times the cache size of different texts, each seen once (GraphiQL sessions, a scanner):
        // clearing the caches when full, or LRU, would have dropped all four
        for (int i = 0; i < 3 * CACHE_SIZE; i++) {
            run("query OneOff" + i + " { product(id: \"p" + (i % 7 + 1) + "\") { name } }");
        }
        long parsed = gateway.operationCacheStats().missCount();
        long planned = gateway.planCache().misses();
        storefront.forEach(OperationCachesTest::run);
        assertEquals(parsed, gateway.operationCacheStats().missCount(), "a storefront operation was parsed again");
        assertEquals(planned, gateway.planCache().misses(), "a storefront operation was planned again");
        assertTrue(gateway.planCache().size() <= CACHE_SIZE + 1, "plans held: " + gateway.planCache().size());
    }
}
