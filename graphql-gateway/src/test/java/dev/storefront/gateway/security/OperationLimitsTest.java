package dev.storefront.gateway.security;

import dev.storefront.gateway.supergraph.CostDirectives;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demand-control rules (IBM cost directives as Apollo's and Hive's routers apply them) on a
 * storefront-shaped schema carrying {@code @cost}/{@code @listSize}: Relay connections sized by
 * their slicing argument, plain lists, weights on fields, types, arguments and input fields.
 */
class OperationLimitsTest {
    private static final String SDL = """
            schema @link(url: "https://specs.apollo.dev/link/v1.0")
                   @link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"]) { query: Query  mutation: Mutation }
            directive @link(url: String, as: String, import: [String]) repeatable on SCHEMA
            directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
            directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!],
                                requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
            type Query {
              user(id: ID!): User
              products(first: Int, last: Int, after: String): ProductConnection!
                @listSize(slicingArguments: ["first", "last"], sizedFields: ["edges"], assumedSize: 20, requireOneSlicingArgument: false)
              bestsellers(limit: Int): [Product!]! @listSize(slicingArguments: ["limit"])
              featured(count: Int = 4): [Product!]! @listSize(slicingArguments: ["count"])
              search(text: String! @cost(weight: 3), filter: SearchFilter): [Media!]! @listSize(assumedSize: 5)
              media: [Media!]!
            }
            type Mutation { placeOrder(input: PlaceOrderInput!): PlaceOrderPayload! }
            input PlaceOrderInput { items: [ItemInput!]!  note: String @cost(weight: 4) }
            input ItemInput { productId: ID!  quantity: Int! }
            input SearchFilter { category: String  maxPrice: Int @cost(weight: 2) }
            type PlaceOrderPayload { order: Order  userErrors: [UserError!]! }
            type UserError { message: String! }
            type User { name: String  orders(first: Int, after: String): OrderConnection!
                          @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false) }
            type OrderConnection { edges: [OrderEdge!]!  pageInfo: PageInfo! }
            type ProductConnection { edges: [ProductEdge!]!  pageInfo: PageInfo! }
            type ProductEdge { node: Product! }
            type PageInfo { hasNextPage: Boolean! }
            type OrderEdge { node: Order! }
            type Order { id: ID!  status: Status!  items: [Item!]!  payments: [Payment!]! }
            type Item { quantity: Int!  product: Product! }
            type Product { id: ID!  name: String  recommendations: [Product!]! @cost(weight: 20) @listSize(assumedSize: 4)
                           reviews: [Review!]! }
            type Review @cost(weight: 2) { stars: Int! }
            type Payment { status: Status! }
            enum Status @cost(weight: 1) { PLACED PAID }
            interface Media { title: String }
            type Book implements Media { title: String  pages: Int }
            type Movie implements Media { title: String  cast: [Person!]! }
            type Person { name: String }
            """;
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
            RuntimeWiring.MOCKED_WIRING);
    private static final CostDirectives COSTS = CostDirectives.parse(SDL);
    private static final OperationLimits LIMITS = new OperationLimits(20, 20, 10_000, 10, true, 2000);

    private static OperationDefinition operation(Document document) {
        return document.getDefinitionsOfType(OperationDefinition.class).getFirst();
    }

    private static long cost(CostDirectives costs, String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        long estimate = LIMITS.estimate(SCHEMA, costs, document, operation(document), variables);
        // the limit admits exactly the operations whose estimate does not exceed it
        assertEquals(Optional.empty(), withMaxCost(estimate).check(SCHEMA, costs, document, operation(document), variables));
        assertEquals("MAX_COST_EXCEEDED", withMaxCost(estimate - 1).check(SCHEMA, costs, document, operation(document), variables)
                .orElseThrow().code());
        return estimate;
    }

    private static long cost(String query, Map<String, Object> variables) {
        return cost(COSTS, query, variables);
    }

    private static long cost(String query) {
        return cost(query, Map.of());
    }

    private static OperationLimits withMaxCost(long maxCost) {
        return new OperationLimits(20, 20, maxCost, 10, true, 2000);
    }

    private static Optional<OperationLimits.Violation> check(String query) {
        Document document = Parser.parse(query);
        return LIMITS.check(SCHEMA, COSTS, document, operation(document), Map.of());
    }

    @Test
    void objectsCostOneScalarsNothingAndTheSlicingArgumentSizesTheConnectionsEdges() {
        // user 1 + orders (1 + edges 100 x (1 + node (1 + items 10 x (1 + product 1))))
        assertEquals(1 + 1 + 100 * (1 + 1 + 10 * (1 + 1)),
                cost("{ user(id: \"u\") { name orders(first: 100) { edges { node { id items { quantity product { name } } } } } } }"));
        // pageInfo is not a sized field: it is one object whatever the page size
        assertEquals(1 + 3 * (1 + 1) + 1, cost("{ products(first: 3) { edges { node { id } } pageInfo { hasNextPage } } }"));
    }

    @Test
    void withoutListSizeNoArgumentIsTakenForASizeByItsName() {
        String query = "{ user(id: \"u\") { orders(first: 100) { edges { node { id } } } } }";
        assertEquals(1 + 1 + 100 * (1 + 1), cost(query, Map.of()));
        assertEquals(1 + 1 + 10 * (1 + 1), cost(CostDirectives.NONE, query, Map.of()), "first is only a name without @listSize");
    }

    @Test
    void sizesComeFromLiteralsVariablesTheirDefaultsOrTheArgumentsDefault() {
        String query = "query($n: Int = 3) { products(first: $n) { edges { node { name } } } }";
        assertEquals(1 + 7 * 2, cost(query, Map.of("n", 7)));
        assertEquals(1 + 3 * 2, cost(query, Map.of()), "the variable's default");
        Map<String, Object> explicitNull = new HashMap<>();
        explicitNull.put("n", null);
        assertEquals(1 + 20 * 2, cost(query, explicitNull), "a null size gives none: the assumed size");
        assertEquals(1 + 20 * 2, cost("{ products { edges { node { name } } } }"), "no slicing argument: the assumed size");
        assertEquals(1, cost("{ products(first: 0) { edges { node { name } } } }"), "an empty page costs its connection");
        assertEquals(1, cost("{ products(first: -5) { edges { node { name } } } }"), "negative sizes count as 0");
        assertEquals(1 + 8 * 2, cost("{ products(first: 5, last: 8) { edges { node { name } } } }"), "the largest slicing argument");
        assertEquals(4 * 1, cost("{ featured { id } }"), "the argument's schema default");
        assertEquals(2 * 1, cost("{ featured(count: 2) { id } }"));
        assertEquals(10 * 1 + 1, cost("{ media { title ... on Book { pages } ... on Movie { title } } user(id: \"u\") { name } }"),
                "a plain list without @listSize: the default list size");
    }

    @Test
    void aSizedFieldIsSizedThroughFragmentsToo() {
        assertEquals(1 + 4 * 2, cost("{ products(first: 4) { ...Page } } fragment Page on ProductConnection { edges { node { id } } }"));
        assertEquals(1 + 4 * 2, cost("{ products(first: 4) { ... on ProductConnection { edges { node { id } } } } }"));
    }

    @Test
    void requireOneSlicingArgumentRefusesAnOperationThatGivesNone() {
        var violation = check("{ bestsellers { name } }").orElseThrow();
        assertEquals("SLICING_ARGUMENT_REQUIRED", violation.code());
        assertEquals("Field Query.bestsellers needs exactly one of its slicing arguments (limit) for its cost to be estimated; "
                + "the operation gives 0 (@listSize(requireOneSlicingArgument: true)).", violation.message());
        assertEquals(3, cost("{ bestsellers(limit: 3) { name } }"));
    }

    @Test
    void costWeightsOnFieldsTypesArgumentsAndInputFieldsOverrideTheDefaults() {
        // products, edge, node 1 each + recommendations: 4 (assumed) x (20 + name 0)
        assertEquals(3 + 4 * 20, cost("{ products(first: 1) { edges { node { recommendations { name } } } } }"));
        // Review @cost(weight: 2) on the type: 10 reviews x 2
        assertEquals(3 + 10 * 2, cost("{ products(first: 1) { edges { node { reviews { stars } } } } }"));
        // enum Status @cost(weight: 1): a scalar-like field that is not free
        assertEquals(1 + 1 + 1 + 1 + 1, cost("{ user(id: \"u\") { orders(first: 1) { edges { node { status } } } } }"));
        // search: 5 (assumed) x (1 + title 0) + text argument 3 + filter (input object 1 + maxPrice 2)
        assertEquals(5 + 3, cost("{ search(text: \"lamp\") { title } }"));
        assertEquals(5 + 3 + 1 + 2, cost("{ search(text: \"lamp\", filter: { category: \"home\", maxPrice: 10 }) { title } }"));
        assertEquals(5 + 3 + 1 + 2, cost("query($f: SearchFilter) { search(text: \"lamp\", filter: $f) { title } }",
                Map.of("f", Map.of("maxPrice", 10))), "arguments given by variables cost the same");
    }

    @Test
    void aMutationCostsTenMoreAndItsInputObjectsAtLeastOneEach() {
        // 10 + input (1 + items [1, 1] + note 4) + payload 1 + order 1 + userErrors 10 x 1
        assertEquals(10 + (1 + 2 + 4) + 1 + 1 + 10, cost("mutation { placeOrder(input: { items: [{ productId: \"p\", quantity: 1 },"
                + " { productId: \"q\", quantity: 2 }], note: \"gift\" }) { order { id } userErrors { message } } }"));
    }

    @Test
    void typenameAndSkippedSelectionsAreFreeAndEveryBranchOfAnAbstractSelectionIsAdded() {
        assertEquals(1, cost("{ __typename user(id: \"u\") { __typename name } }"));
        assertEquals(1, cost("query($skip: Boolean!) { user(id: \"u\") { name } products(first: 9) @skip(if: $skip) { edges { node { id } } } }",
                Map.of("skip", true)));
        assertEquals(1, cost("{ user(id: \"u\") { name } ... @include(if: false) { products(first: 9) { edges { node { id } } } } }"));
        // 5 x (1 + Movie cast 10 x 1): the Book branch adds nothing, the Movie branch its cast
        assertEquals(3 + 5 * (1 + 10), cost("{ search(text: \"x\") { title ... on Book { pages } ... on Movie { cast { name } } } }"));
    }

    @Test
    void aFragmentFanOutIsCutOffByTheFieldLimitThoughItsScalarsAreFree() {
        StringBuilder query = new StringBuilder("{ products(first: 1) { edges { node { ...F0 } } } }");
        for (int i = 0; i < 24; i++) {
            query.append(" fragment F").append(i).append(" on Product { ...F").append(i + 1).append(" ...F").append(i + 1)
                    .append(" id }");
        }
        query.append(" fragment F24 on Product { id }");
        long start = System.nanoTime();
        var violation = check(query.toString()).orElseThrow();
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
        assertEquals("MAX_FIELDS_EXCEEDED", violation.code());
        assertEquals("The operation selects more than 2000 fields once its fragments are expanded, the maximum (GATEWAY_MAX_FIELDS).",
                violation.message());
    }

    @Test
    void hugeSizesAreRefusedWithTheirEstimateAndOverflowsSaturate() {
        var violation = check("{ products(first: 100000) { edges { node { recommendations { name } } } } }").orElseThrow();
        assertEquals("MAX_COST_EXCEEDED", violation.code());
        assertTrue(violation.message().startsWith("Estimated query cost 8200001 exceeds the maximum cost of 10000 (GATEWAY_MAX_COST;"),
                violation.message());
        var overflow = check("{ products(first: 2147483647) { edges { node { recommendations { recommendations { recommendations {"
                + " recommendations { recommendations { recommendations { recommendations { recommendations { name } } } } } } } } } } } }")
                .orElseThrow();
        assertTrue(overflow.message().startsWith("Estimated query cost "), overflow.message());
        assertEquals("MAX_COST_EXCEEDED", overflow.code());
    }
}
