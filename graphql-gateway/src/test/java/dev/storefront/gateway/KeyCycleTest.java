package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.plan.PlanningException;
import dev.storefront.gateway.supergraph.Supergraph;
import graphql.schema.idl.RuntimeWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.gateway.GatewayHttp.GRAPHQL_RESPONSE;
import static dev.storefront.gateway.GatewayHttp.firstErrorCode;
import static dev.storefront.gateway.GatewayHttp.firstErrorMessage;
import static dev.storefront.gateway.GatewayHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Supergraphs whose @key and @requires dependencies loop (the hand-written {@code keycycle}
 * supergraph, see {@code unsatisfiable/keycycle/README.md}), and one whose @requires chain is
 * deeper than the planner's stack: the gateway answers such operations with a GraphQL error (not
 * a StackOverflowError, not HTTP 500), caches no plan for them, still plans what can be planned on
 * the same supergraph, and keeps serving.
 */
class KeyCycleTest {
    /**
     * Links of the generated @requires chain, each {@link #NESTING} objects further down: some
     * 30 000 planner frames, more than a thread's stack holds (the links are few because the
     * supergraph parser stops at 15 000 tokens; a nested field set is one string token).
     */
    private static final int CHAIN_LENGTH = 900;
    private static final int NESTING = 16;

    private static List<FixtureSubgraph> subgraphs;
    private static Gateway gateway;
    private static GatewayServer server;
    private static GatewayHttp http;

    @BeforeAll
    static void start() throws Exception {
        subgraphs = List.of(front(), alpha(), beta(), gamma());
        Map<String, String> urls = new LinkedHashMap<>();
        subgraphs.forEach(s -> urls.put(s.name(), s.url()));
        Supergraph supergraph = Supergraph.parse(withRequiresChain(FixtureSubgraph.resource("supergraphs/keycycle.graphql")))
                .withUrls(urls);
        gateway = Gateway.builder(supergraph, new SubgraphClient(Duration.ofSeconds(2), Map.of())).planCacheSize(100).build();
        server = new GatewayServer(gateway, new GatewayServer.Settings("127.0.0.1", 0, 4096, List.of())).start();
        http = new GatewayHttp(server);
    }

    @AfterAll
    static void stop() {
        server.stop();
        subgraphs.forEach(FixtureSubgraph::close);
    }

    private static String plan(String query) {
        return gateway.plan(query, null, Map.of()).print();
    }

    private static String run(String query) throws Exception {
        return ShopGateway.JSON_ORDERED.writeValueAsString(
                gateway.execute(ExecutionRequest.of(new GraphQLRequest(query, null, Map.of(), Map.of()))).body());
    }

    @Test
    void mutualKeyDependencyIsAPlanningErrorNamingTheFields() {
        // alpha knows Pair by x only, x comes from beta, which knows Pair by y only, which comes from alpha
        var e = assertThrows(PlanningException.class, () -> plan("{ pair { alphaNote } }"));
        assertEquals("Cannot plan Pair.alphaNote from subgraph 'front': getting it needs Pair.x, which needs Pair.y, "
                + "which needs Pair.x again (those @key and @requires fields can only be had through each other)", e.getMessage());
        e = assertThrows(PlanningException.class, () -> plan("{ pair { name x } }"));
        assertTrue(e.getMessage().startsWith("Cannot plan Pair.x from subgraph 'front': getting it needs Pair.y, which needs Pair.x again"),
                e.getMessage());
    }

    @Test
    void keyCycleThroughThreeSubgraphsAndRequiresCycleArePlanningErrors() {
        var trio = assertThrows(PlanningException.class, () -> plan("{ trio { alphaNote } }"));
        assertEquals("Cannot plan Trio.alphaNote from subgraph 'front': getting it needs Trio.a, which needs Trio.b, "
                + "which needs Trio.c, which needs Trio.a again (those @key and @requires fields can only be had through each other)",
                trio.getMessage());
        // alpha's p @requires q, beta's q @requires p
        var loop = assertThrows(PlanningException.class, () -> plan("{ loop { p } }"));
        assertEquals("Cannot plan Loop.p from subgraph 'front': getting it needs Loop.q, which needs Loop.p again "
                + "(those @key and @requires fields can only be had through each other)", loop.getMessage());
    }

    @Test
    void whatCanBePlannedOnTheSameSupergraphStillIs() throws Exception {
        // beta has the x alpha needs: an ordinary jump
        String fromBeta = "{ pairFromBeta { betaNote alphaNote } }";
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "beta") {
                      query {pairFromBeta {__typename betaNote x}}
                    },
                    Flatten(path: "pairFromBeta") {
                      Fetch(service: "alpha") {
                        {... on Pair {__typename x}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Pair {alphaNote}}}
                      },
                    },
                  },
                }""", plan(fromBeta));
        assertEquals("{\"data\":{\"pairFromBeta\":{\"betaNote\":\"beta note\",\"alphaNote\":\"alpha note for x1\"}}}", run(fromBeta));
        // x from beta (first in supergraph order) would need y, which only alpha has by x: gamma turns w into x instead
        String detour = "{ detour { alphaNote } }";
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "front") {
                      query {detour {__typename w}}
                    },
                    Flatten(path: "detour") {
                      Fetch(service: "gamma") {
                        {... on Detour {__typename w}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Detour {x}}}
                      },
                    },
                    Flatten(path: "detour") {
                      Fetch(service: "alpha") {
                        {... on Detour {__typename x}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on Detour {alphaNote}}}
                      },
                    },
                  },
                }""", plan(detour));
        assertEquals("{\"data\":{\"detour\":{\"alphaNote\":\"alpha note for x-of-w1\"}}}", run(detour));
        assertEquals("{\"data\":{\"pair\":{\"name\":\"Pair 1\"}}}", run("{ pair { name } }"));
    }

    @Test
    void planningErrorIsAGraphQLErrorAndIsNotCached() throws Exception {
        long plansBefore = gateway.planCache().size();
        long missesBefore = gateway.planCache().misses();
        String body = run("query Notes { pair { alphaNote } }");
        assertEquals(Map.of("errors", List.of(Map.of("message", "Cannot plan Pair.alphaNote from subgraph 'front': getting it needs "
                + "Pair.x, which needs Pair.y, which needs Pair.x again (those @key and @requires fields can only be had through each other)",
                "locations", List.of(Map.of("line", 1, "column", 1)), "extensions", Map.of("code", "QUERY_PLANNING_FAILED")))),
                ShopGateway.JSON.readValue(body, Map.class));
        assertEquals(body, run("query Notes { pair { alphaNote } }"));
        assertEquals(plansBefore, gateway.planCache().size());
        assertEquals(missesBefore + 2, gateway.planCache().misses(), "planned again: the failure was not cached");
    }

    @Test
    void plannerStackOverflowIsAGraphQLErrorAndIsNotCached() throws Exception {
        long missesBefore = gateway.planCache().misses();
        String deep = "{ chain { v1 } }";
        for (int i = 0; i < 2; i++) {
            assertEquals(Map.of("errors", List.of(Map.of("message", "Internal gateway error: the query planner ran out of stack "
                    + "planning this operation", "locations", List.of(Map.of("line", 1, "column", 1)),
                    "extensions", Map.of("code", "INTERNAL_SERVER_ERROR")))), ShopGateway.JSON.readValue(run(deep), Map.class));
        }
        assertEquals(missesBefore + 2, gateway.planCache().misses(), "planned again: the failure was not cached");
        assertEquals("{\"data\":{\"chain\":{\"id\":\"n1\"}}}", run("{ chain { id } }"));
    }

    @Test
    void overHttpAnUnplannableOperationIsAGraphQLErrorAndTheGatewayKeepsServing() throws Exception {
        for (String query : List.of("{ pair { alphaNote } }", "{ trio { alphaNote } }", "{ loop { p } }", "{ chain { v1 } }")) {
            String body = ShopGateway.JSON_ORDERED.writeValueAsString(Map.of("query", query));
            // a plain JSON client: every GraphQL-shaped answer is 200
            HttpResponse<String> plain = http.postRaw(body, "Content-Type", "application/json", "Accept", "application/json");
            assertEquals(200, plain.statusCode(), plain.body());
            assertTrue(firstErrorMessage(plain).startsWith(query.contains("chain") ? "Internal gateway error: the query planner ran out of stack"
                    : "Cannot plan "), plain.body());
            assertFalse(json(plain).containsKey("data"), plain.body());
            assertFalse(plain.body().contains("at dev.storefront"), "no stack trace: " + plain.body());
            // the GraphQL-over-HTTP media type: a request error, 400
            HttpResponse<String> spec = http.post(query);
            assertEquals(400, spec.statusCode(), spec.body());
            assertEquals(query.contains("chain") ? "INTERNAL_SERVER_ERROR" : "QUERY_PLANNING_FAILED", firstErrorCode(spec));
            assertTrue(spec.headers().firstValue("Content-Type").orElse("").startsWith(GRAPHQL_RESPONSE));
            HttpResponse<String> detour = http.post("{ detour { alphaNote } }");
            assertEquals(200, detour.statusCode(), detour.body());
            assertEquals("{\"data\":{\"detour\":{\"alphaNote\":\"alpha note for x-of-w1\"}}}", detour.body());
        }
        assertEquals(200, http.get("/health/ready").statusCode());
    }

    /**
     * Adds {@code Query.chain: Node} from front and a @requires chain {@code Node.v1} .. {@code vN}:
     * v(i) lives in alpha or beta (alternating) and requires {@code next { next { ... v(i+1) } }},
     * with {@code next} in front, so planning v1 goes N x NESTING objects deep. Valid, if silly (a composer
     * would also list the other subgraph's @external v(i+1); left out, the planner does not read
     * them and the SDL stays under the parser's 1 MB limit).
     */
    private static String withRequiresChain(String sdl) {
        StringBuilder node = new StringBuilder("\ntype Node @join__type(graph: ALPHA, key: \"id\") "
                + "@join__type(graph: BETA, key: \"id\") @join__type(graph: FRONT, key: \"id\") {\n  id: ID!\n"
                + "  next: Node @join__field(graph: FRONT)\n");
        for (int i = 1; i <= CHAIN_LENGTH; i++) {
            node.append("  v").append(i).append(": String @join__field(graph: ").append(i % 2 == 1 ? "ALPHA" : "BETA");
            if (i < CHAIN_LENGTH) {
                node.append(", requires: \"").append("next{".repeat(NESTING)).append('v').append(i + 1)
                        .append("}".repeat(NESTING)).append('"');
            }
            node.append(")\n");
        }
        return sdl.replace("  detour: Detour @join__field(graph: FRONT)\n",
                "  detour: Detour @join__field(graph: FRONT)\n  chain: Node @join__field(graph: FRONT)\n") + node.append("}\n");
    }

    private static Map<String, Object> object(String typename, Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("__typename", typename);
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String sdl(String name) {
        return FixtureSubgraph.resource("unsatisfiable/keycycle/" + name + ".graphql");
    }

    private static FixtureSubgraph front() throws Exception {
        // with the chain's root: planning it fails before any fetch, but the gateway's plain fields work
        String frontSdl = sdl("front").replace("  detour: Detour\n", "  detour: Detour\n  chain: Node\n")
                + "\ntype Node @key(fields: \"id\") {\n  id: ID!\n  next: Node\n}\n";
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().type("Query", t -> t
                .dataFetcher("pair", env -> object("Pair", "id", "pair-1", "name", "Pair 1"))
                .dataFetcher("trio", env -> object("Trio", "id", "trio-1"))
                .dataFetcher("loop", env -> object("Loop", "id", "loop-1"))
                .dataFetcher("detour", env -> object("Detour", "id", "detour-1", "w", "w1"))
                .dataFetcher("chain", env -> object("Node", "id", "n1")));
        return new FixtureSubgraph("front", frontSdl, wiring, Map.of());
    }

    private static FixtureSubgraph alpha() throws Exception {
        return new FixtureSubgraph("alpha", sdl("alpha"), RuntimeWiring.newRuntimeWiring(), Map.of(
                "Pair", rep -> object("Pair", "x", rep.get("x"), "y", "y-of-" + rep.get("x"), "alphaNote", "alpha note for " + rep.get("x")),
                "Detour", rep -> object("Detour", "x", rep.get("x"), "y", "y-of-" + rep.get("x"),
                        "alphaNote", "alpha note for " + rep.get("x"))));
    }

    private static FixtureSubgraph beta() throws Exception {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().type("Query", t -> t
                .dataFetcher("pairFromBeta", env -> object("Pair", "y", "y1", "x", "x1", "betaNote", "beta note")));
        return new FixtureSubgraph("beta", sdl("beta"), wiring, Map.of(
                "Pair", rep -> object("Pair", "y", rep.get("y"), "x", "x-of-" + rep.get("y"), "betaNote", "beta note")));
    }

    private static FixtureSubgraph gamma() throws Exception {
        return new FixtureSubgraph("gamma", sdl("gamma"), RuntimeWiring.newRuntimeWiring(), Map.of(
                "Detour", rep -> object("Detour", "w", rep.get("w"), "x", "x-of-" + rep.get("w"))));
    }
}
