package dev.storefront.gateway.merge;

import dev.storefront.gateway.json.Json;
import dev.storefront.gateway.plan.OperationNormalizer;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Null propagation written in one pass: what was already written of an object or list that a null
 * in a non-null position nulls is taken back, and siblings before and after are kept.
 */
class ResponseWriterTest {
    private static final GraphQLSchema SCHEMA = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
            type Query { shop: Shop  first: String  strict: Strict! }
            type Shop { name: String!  products: [Product!]  lines: [Line]  owner: Owner! }
            type Product { id: ID!  price: Money! }
            type Money { amount: Int!  currency: String! }
            type Line { sku: String! }
            type Owner { email: String! }
            type Strict { id: ID! }
            """), RuntimeWiring.MOCKED_WIRING);

    private static String write(String query, String rawJson, Map<String, Object> extensions) throws IOException {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).getFirst();
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) Json.read(rawJson.getBytes(StandardCharsets.UTF_8));
        byte[] body = new ResponseWriter(SCHEMA).write(OperationNormalizer.normalize(SCHEMA, document, operation, Map.of()),
                raw, List.of(), extensions).body();
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void everyRequestedFieldInRequestOrderAndNothingElse() throws IOException {
        assertEquals("{\"data\":{\"first\":\"f\",\"shop\":{\"__typename\":\"Shop\",\"n\":\"Corner\",\"products\":"
                        + "[{\"id\":\"p1\"},{\"id\":\"p2\"}]}},\"extensions\":{\"queryPlan\":\"QueryPlan {}\"}}",
                write("{ first shop { __typename n: name products { id } } }",
                        "{\"shop\":{\"products\":[{\"price\":{},\"id\":\"p1\"},{\"id\":\"p2\"}],\"n\":\"Corner\",\"x\":1},\"first\":\"f\"}",
                        Map.of("queryPlan", "QueryPlan {}")));
    }

    @Test
    void aNullDeepInNonNullFieldsNullsTheNearestNullableObjectAndKeepsItsSiblings() throws IOException {
        // Money.currency is null: Money! → Product.price nulls Product, [Product!] item → the list
        // products is nullable: it becomes null, shop and what follows stay
        assertEquals("{\"errors\":[{\"message\":\"Cannot return null for non-nullable field Money.currency.\","
                        + "\"path\":[\"shop\",\"products\",1,\"price\",\"currency\"]}],"
                        + "\"data\":{\"shop\":{\"name\":\"Corner\",\"products\":null,\"lines\":[{\"sku\":\"a\"}]},\"first\":\"f\"}}",
                write("{ shop { name products { id price { amount currency } } lines { sku } } first }",
                        "{\"shop\":{\"name\":\"Corner\",\"products\":[{\"id\":\"p1\",\"price\":{\"amount\":1,\"currency\":\"EUR\"}},"
                                + "{\"id\":\"p2\",\"price\":{\"amount\":2,\"currency\":null}},{\"id\":\"p3\",\"price\":{\"amount\":3,\"currency\":\"EUR\"}}],"
                                + "\"lines\":[{\"sku\":\"a\"}]},\"first\":\"f\"}", null));
    }

    @Test
    void aNullableListItemAbsorbsTheNull() throws IOException {
        assertEquals("{\"errors\":[{\"message\":\"Cannot return null for non-nullable field Line.sku.\",\"path\":[\"shop\",\"lines\",0,\"sku\"]}],"
                        + "\"data\":{\"shop\":{\"lines\":[null,{\"sku\":\"b\"}],\"name\":\"Corner\"}}}",
                write("{ shop { lines { sku } name } }",
                        "{\"shop\":{\"lines\":[{\"sku\":null},{\"sku\":\"b\"}],\"name\":\"Corner\"}}", null));
    }

    @Test
    void aNonNullObjectFieldNullsItsParentAndEveryErrorOfItIsReported() throws IOException {
        assertEquals("{\"errors\":[{\"message\":\"Cannot return null for non-nullable field Line.sku.\",\"path\":[\"shop\",\"lines\",0,\"sku\"]},"
                        + "{\"message\":\"Cannot return null for non-nullable field Owner.email.\",\"path\":[\"shop\",\"owner\",\"email\"]}],"
                        + "\"data\":{\"shop\":null,\"first\":\"f\"}}",
                write("{ shop { lines { sku } owner { email } } first }",
                        "{\"shop\":{\"lines\":[{\"sku\":null},{\"sku\":\"b\"}],\"owner\":{\"email\":null}},\"first\":\"f\"}", null));
    }

    @Test
    void aNullInANonNullRootFieldNullsData() throws IOException {
        assertEquals("{\"errors\":[{\"message\":\"Cannot return null for non-nullable field Strict.id.\",\"path\":[\"strict\",\"id\"]}],"
                        + "\"data\":null}",
                write("{ first strict { id } }", "{\"first\":\"f\",\"strict\":{\"id\":null}}", null));
    }

    @Test
    void aFieldNoFetchWroteIsAnErrorNotASilentNull() throws IOException {
        assertEquals("{\"errors\":[{\"message\":\"Cannot resolve Query.first: the gateway obtained no value for it from the "
                        + "subgraphs\",\"path\":[\"first\"],\"extensions\":{\"code\":\"UNRESOLVED_FIELD\"}}],\"data\":{\"first\":null}}",
                write("{ first }", "{}", null));
    }
}
