package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.execution.CircuitBreaker;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries and circuit breakers against fixture subgraphs that answer 503 (restarting) or are
 * down. Breakers: 3 consecutive failures open one for 400 ms.
 */
class ResilienceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OPEN = Duration.ofMillis(400);

    private static ShopGateway shop;
    private static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopGateway(OperationLimits.unlimited(), GatewayTracing.disabled(),
                new SubgraphClient.Resilience(1, Duration.ofMillis(10), 3, OPEN));
        server = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())).start();
        // the HTTP client's first request loads its classes (hundreds of ms): not inside a breaker's open window
        new GatewayHttp(server).get("/metrics");
    }

    @AfterAll
    static void stop() {
        server.stop();
        shop.close();
    }

    @BeforeEach
    void reset() throws Exception {
        shop.subgraphs.reset();
        // leave every breaker closed: one successful query per subgraph after any open period
        Thread.sleep(OPEN.toMillis() + 50);
        shop.run("{ me { name } product(id: \"p1\") { name stock } review(id: \"r1\") { id } }");
        shop.subgraphs.reset();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String query) throws Exception {
        return JSON.readValue(shop.run(query), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstError(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("errors")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Object code(Map<String, Object> error) {
        return ((Map<String, Object>) error.get("extensions")).get("code");
    }

    @Test
    void aQueryIsRetriedOnceWhenTheSubgraphAnswers503() throws Exception {
        shop.subgraphs.accounts.failNext(1);
        assertEquals(Map.of("data", Map.of("me", Map.of("name", "Ada"))), run("{ me { name } }"));
        assertEquals(2, shop.subgraphs.accounts.attempts());
        assertEquals(1, shop.subgraphs.accounts.requests());
        // entity fetches are queries too
        shop.subgraphs.inventory.failNext(1);
        assertEquals(Map.of("data", Map.of("product", Map.of("stock", 3))), run("{ product(id: \"p1\") { stock } }"));
        assertEquals(2, shop.subgraphs.inventory.attempts());
    }

    @Test
    void retriesAreBounded() throws Exception {
        shop.subgraphs.accounts.failNext(2);
        Map<String, Object> body = run("{ me { name } }");
        assertEquals(List.of("me"), firstError(body).get("path"));
        assertTrue(firstError(body).get("message").toString().contains("503"), body.toString());
        assertEquals(2, shop.subgraphs.accounts.attempts(), "one try and one retry");
    }

    @Test
    void identicalQueriesInFlightShareOneExecutionMutationsDoNot() throws Exception {
        shop.subgraphs.accounts.delay(300);
        long sharedBefore = shop.gateway.sharedExecutions();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Map<String, Object>>>();
            for (int i = 0; i < 5; i++) {
                answers.add(threads.submit(() -> run("{ me { name } }")));
            }
            for (var answer : answers) {
                assertEquals(Map.of("data", Map.of("me", Map.of("name", "Ada"))), answer.get());
            }
        }
        assertEquals(1, shop.subgraphs.accounts.requests(), "five identical queries in flight, one subgraph request");
        assertTrue(shop.gateway.sharedExecutions() - sharedBefore >= 4, "four answered by the first one's execution");

        shop.subgraphs.reset();
        shop.subgraphs.accounts.delay(200);
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                threads.submit(() -> run("mutation { renameAccount(id: \"a1\", name: \"Ada\") { name } }"));
            }
        }
        assertEquals(3, shop.subgraphs.accounts.requests(), "every mutation is sent");
    }

    @Test
    void differentQueriesWithAnIdenticalFetchInFlightShareThatSubgraphRequest() throws Exception {
        shop.subgraphs.accounts.delay(300);
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 5; i++) {
                // five different operations (their variables differ), one identical accounts fetch each
                Map<String, Object> variables = Map.of("review", "r" + i);
                answers.add(threads.submit(() -> shop.run("query ($review: ID!) { me { name } review(id: $review) { id } }",
                        variables)));
            }
            for (var answer : answers) {
                assertTrue(answer.get().startsWith("{\"data\":{\"me\":{\"name\":\"Ada\"}"), answer.get());
            }
        }
        assertEquals(1, shop.subgraphs.accounts.requests(), "five identical fetches in flight, one subgraph request");
        assertEquals(5, shop.subgraphs.reviews.requests(), "the different fetches are each sent");
        assertTrue(shop.gateway.client().deduplicatedCounts().get("accounts").get() >= 4);
    }

    @Test
    void mutationsAreNeverRetried() throws Exception {
        shop.subgraphs.accounts.failNext(1);
        Map<String, Object> body = run("mutation { renameAccount(id: \"a1\", name: \"Ada\") { name } }");
        assertEquals(List.of("renameAccount"), firstError(body).get("path"));
        assertEquals(1, shop.subgraphs.accounts.attempts(), "a mutation may have happened: it is not sent twice");
    }

    @Test
    void anOpenBreakerFailsFastAtTheAffectedPathsUntilATrialSucceeds() throws Exception {
        shop.subgraphs.reviews.down(true);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = run("{ me { name } review(id: \"r1\") { id } }");
            assertEquals(Map.of("name", "Ada"), ((Map<?, ?>) body.get("data")).get("me"));
            assertEquals("SUBREQUEST_HTTP_ERROR", code(firstError(body)));
        }
        int attempts = shop.subgraphs.reviews.attempts();
        assertEquals(6, attempts, "three queries, each tried twice");

        long start = System.nanoTime();
        Map<String, Object> open = run("{ me { name } review(id: \"r1\") { id } }");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Map.of("name", "Ada"), ((Map<?, ?>) open.get("data")).get("me"), "the other subgraph still answers");
        Map<String, Object> error = firstError(open);
        assertEquals(List.of("review"), error.get("path"));
        assertEquals("SUBGRAPH_CIRCUIT_OPEN", code(error));
        assertTrue(error.get("message").toString().startsWith("Subgraph 'reviews' is unavailable: its circuit breaker opened "
                + "after 3 consecutive failed requests"), error.toString());
        assertEquals(attempts, shop.subgraphs.reviews.attempts(), "nothing was sent while open");
        assertTrue(millis < 200, "failing fast took " + millis + " ms");
        String metrics = new GatewayHttp(server).get("/metrics").body();
        assertTrue(metrics.contains("gateway_subgraph_circuit_state{subgraph=\"reviews\"} 1"), metrics);
        assertTrue(metrics.contains("gateway_subgraph_short_circuits_total{subgraph=\"reviews\"} 1"), metrics);

        // after the cool-down one trial goes out; it fails: open again, still failing fast
        Thread.sleep(OPEN.toMillis() + 50);
        assertEquals("SUBREQUEST_HTTP_ERROR", code(firstError(run("{ review(id: \"r1\") { id } }"))));
        assertEquals("SUBGRAPH_CIRCUIT_OPEN", code(firstError(run("{ review(id: \"r1\") { id } }"))));

        // the subgraph is back: the next trial succeeds and closes the breaker
        shop.subgraphs.reviews.down(false);
        Thread.sleep(OPEN.toMillis() + 50);
        assertEquals(Map.of("data", Map.of("review", Map.of("id", "r1"))), run("{ review(id: \"r1\") { id } }"));
        assertEquals(Map.of("data", Map.of("review", Map.of("id", "r1"))), run("{ review(id: \"r1\") { id } }"));
        assertEquals(CircuitBreaker.State.CLOSED, shop.gateway.client().breakerStates().get("reviews"));
    }

    @Test
    void connectionFailuresAreRetriedToo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var supergraph = shop.supergraph.withUrls(Map.of("accounts", "http://127.0.0.1:" + closedPort + "/graphql"));
        SubgraphClient client = new SubgraphClient(Duration.ofSeconds(2), Map.of(),
                new SubgraphClient.Resilience(1, Duration.ofMillis(10), 3, OPEN));
        Gateway gateway = Gateway.builder(supergraph, client).planCacheSize(10).build();
        String body = JSON.writeValueAsString(gateway.execute(ExecutionRequest.of(new GraphQLRequest("{ me { name } }", null, null, null))).body());
        assertTrue(body.contains("\"path\":[\"me\"]") && body.contains("SUBREQUEST_HTTP_ERROR"), body);
        assertEquals(1, client.retryCounts().get("accounts").get());
        assertEquals(2, client.requestCounts().get("accounts").get());
    }
}
