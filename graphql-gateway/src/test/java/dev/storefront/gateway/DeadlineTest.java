package dev.storefront.gateway;

import dev.storefront.gateway.execution.CircuitBreaker;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.fixtures.ShopSubgraphs;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.supergraph.Supergraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One deadline per client request ({@code GATEWAY_REQUEST_TIMEOUT_MS}, here 600 ms, shorter than
 * the 900 ms subgraph timeout): fetches keep to it, subgraphs are told what is left of it, and a
 * mutation the gateway stopped waiting for is not held against the subgraph by its circuit
 * breaker (threshold 3 here), while unanswered queries still are. The gateway is configured the
 * way {@code Main} does it, from the environment names.
 */
class DeadlineTest {
    private static final long REQUEST_TIMEOUT = 600;
    private static final long SUBGRAPH_TIMEOUT = 900;
    private static final String RENAME = "mutation { renameAccount(id: \"a1\", name: \"Ada\") { name } }";

    private static ShopSubgraphs subgraphs;
    private static SubgraphClient client;
    private static GatewayServer server;
    private static GatewayHttp http;

    @BeforeAll
    static void start() throws Exception {
        subgraphs = new ShopSubgraphs();
        Supergraph supergraph = Supergraph.parse(FixtureSubgraph.resource("supergraphs/shop.graphql")).withUrls(subgraphs.urls());
        GatewayConfig config = GatewayConfig.load(Map.of(
                "GATEWAY_REQUEST_TIMEOUT_MS", String.valueOf(REQUEST_TIMEOUT),
                "GATEWAY_SUBGRAPH_TIMEOUT_MS", String.valueOf(SUBGRAPH_TIMEOUT),
                "GATEWAY_CIRCUIT_FAILURE_THRESHOLD", "3",
                "GATEWAY_CIRCUIT_OPEN_MS", "60000",
                "GATEWAY_SUBGRAPH_RETRY_BACKOFF_MS", "10"));
        client = new SubgraphClient(config.subgraphTimeout(), config.subgraphTimeouts(), config.resilience());
        Gateway gateway = Gateway.builder(supergraph, client).planCacheSize(100).build();
        server = new GatewayServer(gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())).start();
        http = new GatewayHttp(server);
        // warm up (planning, connections) so that the timings below are the subgraphs'
        http.post("{ me { name } product(id: \"p1\") { name stock } }");
    }

    @AfterAll
    static void stop() {
        server.stop();
        subgraphs.close();
    }

    @BeforeEach
    void reset() {
        subgraphs.reset();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(HttpResponse<String> response) throws Exception {
        return ((List<Map<String, Object>>) GatewayHttp.json(response).get("errors")).getFirst();
    }

    @Test
    void aSlowMutationPastTheDeadlineIsATimeoutAtItsPathAndNeverOpensTheBreaker() throws Exception {
        subgraphs.accounts.delay(3000);
        long cutShortBefore = client.deadlineCounts().containsKey("accounts") ? client.deadlineCounts().get("accounts").get() : 0;
        int mutations = 5; // more than the breaker's threshold of 3
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        List<Long> times = new java.util.ArrayList<>();
        for (int i = 0; i < mutations; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.post(RENAME);
            times.add((System.nanoTime() - start) / 1_000_000);
            responses.add(response);
            Map<String, Object> error = firstError(response);
            assertEquals(List.of("renameAccount"), error.get("path"), response.body());
            assertEquals("SUBREQUEST_TIMEOUT", ((Map<?, ?>) error.get("extensions")).get("code"), "mutation " + (i + 1)
                    + " of " + mutations + ": " + response.body());
            assertEquals(java.util.Collections.singletonMap("renameAccount", null), GatewayHttp.json(response).get("data"));
        }
        assertEquals(mutations, subgraphs.accounts.requests(), "every mutation was sent once");
        assertEquals(CircuitBreaker.State.CLOSED, client.breakerStates().get("accounts"),
                "mutations the gateway stopped waiting for do not count as the subgraph failing");
        for (int i = 0; i < mutations; i++) {
            assertTrue(firstError(responses.get(i)).get("message").toString().contains("deadline"), responses.get(i).body());
            long millis = times.get(i);
            // the message says which limit ended the wait; the time only has to show it did not wait for the
            // subgraph's answer (3 s): a loaded machine may add hundreds of milliseconds
            assertTrue(millis >= REQUEST_TIMEOUT - 50 && millis < 2500,
                    "answered at the request's deadline (" + REQUEST_TIMEOUT + " ms), not when the subgraph answered: " + millis + " ms");
        }

        subgraphs.accounts.delay(0);
        HttpResponse<String> query = http.post("{ me { name } }");
        assertEquals(Map.of("data", Map.of("me", Map.of("name", "Ada"))), GatewayHttp.json(query), "queries are still served");
        String metrics = http.get("/metrics").body();
        assertTrue(metrics.contains("gateway_subgraph_deadline_exceeded_total{subgraph=\"accounts\"} "), metrics);
        assertEquals(cutShortBefore + mutations, client.deadlineCounts().get("accounts").get());
    }

    @Test
    void queriesThatMissTheDeadlineStillCountAgainstTheSubgraph() throws Exception {
        subgraphs.reviews.delay(1500);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = http.post("{ review(id: \"r1\") { id } }");
            assertEquals(List.of("review"), firstError(response).get("path"), response.body());
            assertEquals("SUBREQUEST_TIMEOUT", GatewayHttp.firstErrorCode(response), response.body());
        }
        HttpResponse<String> fourth = http.post("{ review(id: \"r1\") { id } }");
        assertEquals("SUBGRAPH_CIRCUIT_OPEN", GatewayHttp.firstErrorCode(fourth), fourth.body());
        assertEquals(3, subgraphs.reviews.requests(), "the fourth was not sent");
    }

    @Test
    void eachFetchTellsItsSubgraphTheTimeLeftWhichShrinksAlongThePlan() throws Exception {
        // catalog answers product(id:), then inventory's _entities adds stock: two fetches in sequence
        subgraphs.catalog.delay(200);
        HttpResponse<String> response = http.post("{ product(id: \"p1\") { name stock } }");
        assertEquals(null, GatewayHttp.json(response).get("errors"), response.body());
        long first = Long.parseLong(subgraphs.catalog.receivedDeadlines().getFirst());
        long second = Long.parseLong(subgraphs.inventory.receivedDeadlines().getFirst());
        assertTrue(first <= REQUEST_TIMEOUT && first > REQUEST_TIMEOUT - 300, "first fetch: " + first + " ms");
        assertTrue(second <= first - 200, "the second fetch starts after the first's 200 ms: " + first + " then " + second);

        // a client may ask for a shorter deadline, never a longer one
        subgraphs.reset();
        http.post("{ me { name } }", "X-Request-Deadline-Ms", "250");
        long asked = Long.parseLong(subgraphs.accounts.receivedDeadlines().getFirst());
        assertTrue(asked <= 250 && asked > 100, "client asked for 250 ms: " + asked);
        subgraphs.reset();
        http.post("{ me { name } }", "X-Request-Deadline-Ms", "3600000");
        long capped = Long.parseLong(subgraphs.accounts.receivedDeadlines().getFirst());
        assertTrue(capped <= REQUEST_TIMEOUT, "capped at the gateway's budget: " + capped);
        subgraphs.reset();
        http.post("{ me { name } }", "X-Request-Deadline-Ms", "soon");
        assertNotEquals("null", subgraphs.accounts.receivedDeadlines().getFirst(), "a nonsense value is ignored, not forwarded");
        assertTrue(Long.parseLong(subgraphs.accounts.receivedDeadlines().getFirst()) <= REQUEST_TIMEOUT);
    }
}
