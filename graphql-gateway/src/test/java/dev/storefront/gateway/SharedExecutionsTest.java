package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole executions shared by identical queries in flight ({@link SharedExecutions}): what may
 * share (same operation, variables, caller) and what never does (other callers, mutations, plan
 * answers, queries begun before the caller's own last mutation).
 */
class SharedExecutionsTest {
    private static final String REVIEW = "{ review(id: \"r1\") { id } }";
    private static ShopGateway shop;

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopGateway(OperationLimits.unlimited(), GatewayTracing.disabled(),
                new SubgraphClient.Resilience(0, Duration.ofMillis(10), 0, Duration.ofSeconds(1), true));
    }

    @AfterAll
    static void stop() {
        shop.close();
    }

    @BeforeEach
    void reset() {
        shop.subgraphs.reset();
    }

    private static GatewayResponse execute(String query, String token) {
        return execute(ExecutionRequest.of(new GraphQLRequest(query, null, Map.of(), Map.of())), token);
    }

    private static GatewayResponse execute(ExecutionRequest request, String token) {
        return shop.gateway.execute(token == null ? request : request.forwarding(Map.of("Authorization", "Bearer " + token)));
    }

    /** Runs the calls at once, a little apart so that the first is in flight when the others come. */
    private static List<GatewayResponse> concurrently(List<java.util.concurrent.Callable<GatewayResponse>> calls) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<GatewayResponse>> futures = new ArrayList<>();
            for (var call : calls) {
                futures.add(threads.submit(call));
                Thread.sleep(20);
            }
            List<GatewayResponse> responses = new ArrayList<>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }

    @Test
    void theSameCallersIdenticalQueriesShareOneExecutionAndItsSerializedBody() throws Exception {
        shop.subgraphs.reviews.delay(300);
        List<GatewayResponse> responses = concurrently(List.of(() -> execute(REVIEW, "ada"), () -> execute(REVIEW, "ada"),
                () -> execute(REVIEW, "ada")));
        assertEquals(1, shop.subgraphs.reviews.requests());
        assertEquals(Map.of("data", Map.of("review", Map.of("id", "r1"))), ShopGateway.JSON.readValue(responses.get(2).json(), Map.class));
        assertSame(responses.get(0).json(), responses.get(2).json(), "serialized once");
    }

    @Test
    void differentCallersNeverShare() throws Exception {
        shop.subgraphs.reviews.delay(300);
        concurrently(List.of(() -> execute(REVIEW, "ada"), () -> execute(REVIEW, "grace"), () -> execute(REVIEW, null)));
        assertEquals(3, shop.subgraphs.reviews.requests(), "one execution per caller");
    }

    @Test
    void identicalMutationsAndPlanAnswersAreNeverShared() throws Exception {
        shop.subgraphs.accounts.delay(300);
        String rename = "mutation { renameAccount(id: \"a1\", name: \"Ada\") { name } }";
        concurrently(List.of(() -> execute(rename, "ada"), () -> execute(rename, "ada")));
        assertEquals(2, shop.subgraphs.accounts.requests(), "every mutation runs");

        shop.subgraphs.reset();
        shop.subgraphs.reviews.delay(300);
        ExecutionRequest withPlan = ExecutionRequest.of(new GraphQLRequest(REVIEW, null, Map.of(), Map.of())).withPlan(true);
        long shared = shop.gateway.sharedExecutions();
        List<GatewayResponse> responses = concurrently(List.of(() -> execute(withPlan, "ada"), () -> execute(withPlan, "ada")));
        assertEquals(shared, shop.gateway.sharedExecutions(), "each plan answer is its own execution");
        assertTrue(responses.get(1).body().containsKey("extensions"));
        assertTrue(responses.get(0).body() != responses.get(1).body());
    }

    @Test
    void aQueryAfterTheCallersOwnMutationDoesNotJoinAnExecutionBegunBeforeIt() throws Exception {
        // ada's slow query is in flight; ada renames her account (fast); ada asks again: the query in
        // flight began before her write, so hers runs on its own
        shop.subgraphs.reviews.delay(400);
        String rename = "mutation { renameAccount(id: \"a1\", name: \"Ada\") { name } }";
        concurrently(List.of(() -> execute(REVIEW, "ada"), () -> execute(rename, "ada"), () -> execute(REVIEW, "ada")));
        // neither the execution nor its review fetch in flight is joined
        assertEquals(2, shop.subgraphs.reviews.requests(), "not joined across the caller's own mutation");

        // the same with somebody else's mutation in between: shared
        shop.subgraphs.reset();
        shop.subgraphs.reviews.delay(400);
        concurrently(List.of(() -> execute(REVIEW, "ada"), () -> execute(rename, "grace"), () -> execute(REVIEW, "ada")));
        assertEquals(1, shop.subgraphs.reviews.requests());
    }
}
