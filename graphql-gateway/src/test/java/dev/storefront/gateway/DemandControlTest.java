package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.supergraph.CostDirectives;
import dev.storefront.gateway.supergraph.Supergraph;
import dev.storefront.gateway.tracing.GatewayTracing;
import graphql.schema.idl.RuntimeWiring;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.storefront.gateway.GatewayHttp.firstErrorCode;
import static dev.storefront.gateway.GatewayHttp.firstErrorMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Demand control on a supergraph that carries the cost spec: {@code fixtures/cost} (two subgraphs
 * importing {@code @cost}/{@code @listSize} from Federation v2.9) composed by
 * {@code @theguild/federation-composition} into {@code supergraphs/cost.graphql}, served by real
 * subgraphs, behind a real gateway over HTTP. What the subgraphs declare is what is enforced, and
 * a refused operation reaches no subgraph.
 */
class DemandControlTest {
    private static final int PRODUCTS = 40;
    private static final long MAX_COST = 300;

    private static FixtureSubgraph catalog;
    private static FixtureSubgraph reviews;
    private static Supergraph supergraph;
    private static GatewayServer server;
    private static GatewayHttp http;

    @BeforeAll
    static void start() throws Exception {
        String dir = "fixtures/cost/";
        catalog = new FixtureSubgraph("catalog", FixtureSubgraph.resource(dir + "catalog.graphql"), RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t
                        .dataFetcher("products", env -> {
                            Integer first = env.getArgument("first");
                            List<Object> edges = new ArrayList<>();
                            for (int i = 1; i <= Math.min(first == null ? 10 : first, PRODUCTS); i++) {
                                edges.add(Map.of("node", product(i)));
                            }
                            return Map.of("edges", edges, "pageInfo", Map.of("hasNextPage", first != null && first < PRODUCTS));
                        })
                        .dataFetcher("bestsellers", env -> products(env.<Integer>getArgument("limit")))
                        .dataFetcher("search", env -> products(3))
                        .dataFetcher("product", env -> product(Integer.parseInt(env.<String>getArgument("id").substring(1)))))
                .type("Product", t -> t.dataFetcher("recommendations", env -> products(4))),
                Map.of("Product", rep -> product(Integer.parseInt(((String) rep.get("id")).substring(1)))));
        reviews = new FixtureSubgraph("reviews", FixtureSubgraph.resource(dir + "reviews.graphql"), RuntimeWiring.newRuntimeWiring()
                .type("Product", t -> t.dataFetcher("reviews", env -> {
                    int first = env.getArgument("first");
                    List<Object> list = new ArrayList<>();
                    for (int i = 1; i <= Math.min(first, 3); i++) {
                        list.add(Map.of("id", "r" + i, "stars", i, "body", "review " + i));
                    }
                    return list;
                })),
                Map.of("Product", rep -> Map.of("__typename", "Product", "id", rep.get("id"))));
        supergraph = Supergraph.parse(FixtureSubgraph.resource("supergraphs/cost.graphql"))
                .withUrls(Map.of("catalog", catalog.url(), "reviews", reviews.url()));
        Gateway gateway = Gateway.builder(supergraph, new SubgraphClient(Duration.ofSeconds(2), Map.of())).planCacheSize(10).limits(new OperationLimits(15, 30, MAX_COST, 10, true)).build();
        server = new GatewayServer(gateway, new GatewayServer.Settings("127.0.0.1", 0, 1 << 20, List.of(), 3,
                true, true, null, GatewayTracing.disabled())).start();
        http = new GatewayHttp(server);
    }

    private static Map<String, Object> product(int n) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("__typename", "Product");
        product.put("id", "p" + n);
        product.put("name", "Product " + n);
        product.put("price", Map.of("amount", 100 * n, "currency", "EUR"));
        product.put("tags", List.of("t" + n));
        return product;
    }

    private static List<Object> products(Integer count) {
        List<Object> list = new ArrayList<>();
        for (int i = 1; i <= Math.min(count == null ? 0 : count, PRODUCTS); i++) {
            list.add(product(i));
        }
        return list;
    }

    @BeforeEach
    void reset() {
        catalog.reset();
        reviews.reset();
    }

    @AfterAll
    static void stop() {
        server.stop();
        catalog.close();
        reviews.close();
    }

    @Test
    void theComposedSupergraphCarriesTheSubgraphsCostDirectives() {
        CostDirectives costs = supergraph.costs();
        assertEquals(Optional.of(new CostDirectives.ListSize(null, List.of("first", "last"), List.of("edges"), false)),
                costs.listSize("Query", "products"));
        assertEquals(Optional.of(new CostDirectives.ListSize(null, List.of("limit"), List.of(), true)),
                costs.listSize("Query", "bestsellers"));
        assertEquals(Optional.of(new CostDirectives.ListSize(5, List.of(), List.of(), true)), costs.listSize("Query", "search"));
        assertEquals(Optional.of(new CostDirectives.ListSize(null, List.of("first"), List.of(), true)),
                costs.listSize("Product", "reviews"), "from the other subgraph");
        assertEquals(Optional.of(20), costs.fieldWeight("Product", "recommendations"));
        assertEquals(Optional.of(2), costs.typeWeight("Review"));
        assertEquals(Optional.of(1), costs.typeWeight("Currency"));
        assertEquals(Optional.of(3), costs.argumentWeight("Query", "search", "text"));
        assertEquals(Optional.of(2), costs.fieldWeight("SearchFilter", "maxPrice"));
        assertEquals(Optional.empty(), costs.fieldWeight("Product", "name"));
    }

    @Test
    void theDirectivesAreFoundUnderWhateverNamesTheLinkGivesThem() {
        String declarations = """
                directive @link(url: String, as: String, import: [link__Import]) repeatable on SCHEMA
                scalar link__Import
                type Query { items(first: Int): [Item] @demand__listSize(slicingArguments: ["first"]) @demand(weight: 7)
                             pages(first: Int): [Item] @pageSize(assumedSize: 3) }
                type Item @demand(weight: 4) { id: ID }
                """;
        CostDirectives renamed = CostDirectives.parse("""
                schema @link(url: "https://specs.apollo.dev/link/v1.0")
                       @link(url: "https://specs.apollo.dev/cost/v0.1", as: "demand", import: [{ name: "@listSize", as: "@pageSize" }])
                       { query: Query }
                """ + declarations.replace("@demand__listSize(slicingArguments: [\"first\"])", ""));
        assertEquals(Optional.of(7), renamed.fieldWeight("Query", "items"));
        assertEquals(Optional.of(4), renamed.typeWeight("Item"));
        assertEquals(Integer.valueOf(3), renamed.listSize("Query", "pages").orElseThrow().assumedSize());
        CostDirectives prefixed = CostDirectives.parse("""
                schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/cost/v0.1", as: "demand")
                       { query: Query }
                """ + declarations);
        assertEquals(List.of("first"), prefixed.listSize("Query", "items").orElseThrow().slicingArguments());
        assertEquals(Optional.empty(), prefixed.listSize("Query", "pages"), "@pageSize is not the spec's here");
        CostDirectives unlinked = CostDirectives.parse("schema { query: Query }\n" + declarations.replace("demand", "cost"));
        assertTrue(unlinked.isEmpty(), "a @cost of a schema that does not link the spec is somebody else's directive");
    }

    @Test
    void anAffordableOperationIsAnsweredByTheSubgraphs() throws Exception {
        // products 1 + edges 3 x (1 + node 1 + price 1 + currency 1 + reviews 2 x 2) = 25
        var response = http.post("{ products(first: 3) { edges { node { name price { currency } reviews(first: 2) { stars } } } } }");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"data\":{\"products\":{\"edges\":[{\"node\":{\"name\":\"Product 1\",\"price\":{\"currency\":\"EUR\"},"
                + "\"reviews\":[{\"stars\":1},{\"stars\":2}]}},{\"node\":{\"name\":\"Product 2\",\"price\":{\"currency\":\"EUR\"},"
                + "\"reviews\":[{\"stars\":1},{\"stars\":2}]}},{\"node\":{\"name\":\"Product 3\",\"price\":{\"currency\":\"EUR\"},"
                + "\"reviews\":[{\"stars\":1},{\"stars\":2}]}}]}}}", response.body());
        assertEquals(1, reviews.requests());
    }

    @Test
    void aPageTooLargeForItsWeightsIsRefusedBeforeAnySubgraphIsCalled() throws Exception {
        // products 1 + edges 4 x (1 + node 1 + recommendations 4 (assumed) x 20) = 329: over 300 by the weight alone
        var response = http.post("{ products(first: 4) { edges { node { id recommendations { id } } } } }");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("MAX_COST_EXCEEDED", firstErrorCode(response));
        assertTrue(firstErrorMessage(response).startsWith("Estimated query cost 329 exceeds the maximum cost of 300"),
                firstErrorMessage(response));
        // the size may come from a variable; reviews are weighted by their type (2 each)
        var reviewsPage = http.postRaw("""
                {"query":"query($n: Int) { product(id: \\"p1\\") { reviews(first: $n) { stars } } }","variables":{"n":200}}""",
                "Content-Type", "application/json", "Accept", GatewayHttp.GRAPHQL_RESPONSE);
        assertEquals("MAX_COST_EXCEEDED", firstErrorCode(reviewsPage));
        assertEquals(0, catalog.requests() + reviews.requests(), "refusals reach no subgraph");
        // the same shape on a page of 3 costs 1 + 3 x 82 = 247 and runs
        var smaller = http.post("{ products(last: 3) { edges { node { id recommendations { id } } } } }");
        assertEquals(200, smaller.statusCode(), smaller.body());
    }

    @Test
    void aListWhoseSlicingArgumentIsRequiredIsRefusedWithoutOne() throws Exception {
        var response = http.post("{ bestsellers { name } }");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("SLICING_ARGUMENT_REQUIRED", firstErrorCode(response));
        assertEquals("Field Query.bestsellers needs exactly one of its slicing arguments (limit) for its cost to be estimated; "
                + "the operation gives 0 (@listSize(requireOneSlicingArgument: true)).", firstErrorMessage(response));
        assertEquals(0, catalog.requests());
        var sized = http.post("{ bestsellers(limit: 2) { name } }");
        assertEquals("{\"data\":{\"bestsellers\":[{\"name\":\"Product 1\"},{\"name\":\"Product 2\"}]}}", sized.body());
    }

    @Test
    void argumentWeightsCount() throws Exception {
        // search: 5 (assumed) x Product 1 + text 3 + filter (1 + maxPrice 2) = 11
        var document = graphql.parser.Parser.parse("{ search(text: \"x\", filter: { maxPrice: 3 }) { id } }");
        long estimate = new OperationLimits(15, 30, MAX_COST, 10, true).estimate(supergraph.apiSchema(), supergraph.costs(),
                document, document.getDefinitionsOfType(graphql.language.OperationDefinition.class).getFirst(), Map.of());
        assertEquals(11, estimate);
        var response = http.post("{ search(text: \"x\", filter: { maxPrice: 3 }) { id } }");
        assertEquals("{\"data\":{\"search\":[{\"id\":\"p1\"},{\"id\":\"p2\"},{\"id\":\"p3\"}]}}", response.body());
    }
}
