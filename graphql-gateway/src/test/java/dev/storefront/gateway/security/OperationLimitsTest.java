package dev.storefront.gateway.security;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The static cost rules on a storefront-shaped schema (Relay connections, plain lists). */
class OperationLimitsTest {
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { user(id: ID!): User  products(first: Int, after: String): ProductConnection! }
            type User { name: String  orders(first: Int, after: String): OrderConnection! }
            type OrderConnection { edges: [OrderEdge!]!  pageInfo: PageInfo! }
            type ProductConnection { edges: [ProductEdge!]! }
            type ProductEdge { node: Product! }
            type PageInfo { hasNextPage: Boolean! }
            type OrderEdge { node: Order! }
            type Order { id: ID!  items: [Item!]!  payments: [Payment!]! }
            type Item { quantity: Int!  product: Product! }
            type Product { name: String }
            type Payment { status: String }
            """), RuntimeWiring.MOCKED_WIRING);

    private static Optional<OperationLimits.Violation> check(long maxCost, String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).getFirst();
        return new OperationLimits(20, 20, maxCost, 10, true).check(SCHEMA, document, operation, variables);
    }

    /** The cost is the smallest limit that admits the query; the refusal one below names it. */
    private static long cost(String query, Map<String, Object> variables) {
        long low = 0;
        long high = 10_000_000;
        while (low < high) {
            long middle = (low + high) / 2;
            if (check(middle, query, variables).isEmpty()) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        assertEquals("Estimated query cost " + low + " exceeds the maximum cost of " + (low - 1), check(low - 1, query, variables)
                .orElseThrow().message().replaceAll(" \\(GATEWAY_MAX_COST.*", "")
                // a query with no multiplied field costs exactly its field count: the walk stops right there
                .replace("at least ", ""));
        return low;
    }

    @Test
    void connectionsAreMultipliedOnceByTheirSizeArgument() {
        // user 1 + orders (1 + 100 x edges (1 + node (1 + items (1 + 10 x product (1 + name 1)))))
        assertEquals(2302, cost("{ user(id: \"u\") { orders(first: 100) { edges { node { items { product { name } } } } } } }",
                Map.of()));
    }

    @Test
    void sizesComeFromVariablesOrTheirDefaults() {
        String query = "query($n: Int = 3) { products(first: $n) { edges { node { name } } } }";
        assertEquals(1 + 7 * 3, cost(query, Map.of("n", 7)));
        assertEquals(1 + 3 * 3, cost(query, Map.of()));
        assertEquals(1 + 1 * 3, cost("{ products(first: 0) { edges { node { name } } } }", Map.of()), "sizes below 1 count as 1");
    }

    @Test
    void aWalkCutShortSaysTheCostIsAtLeastWhatWasSeen() {
        String message = check(3, "{ user(id: \"u\") { name orders(first: 5) { pageInfo { hasNextPage } } } }", Map.of())
                .orElseThrow().message();
        assertEquals("Estimated query cost at least 4 exceeds the maximum cost of 3", message.replaceAll(" \\(GATEWAY_MAX_COST.*", ""));
    }

    @Test
    void theStorefrontEndToEndQueriesFitTheDefaultLimit() {
        // the e2e test's 100-order history and the bench's order history
        long history = cost("{ user(id: \"user-4\") { orders(first: 100) { edges { node { id items { quantity product { name } } "
                + "payments { status } } } } } }", Map.of());
        assertEquals(1 + 1 + 100 * (1 + 1 + 1 + (1 + 10 * 3) + (1 + 10 * 1)), history);
        assertEquals(true, history <= 10_000);
    }
}
