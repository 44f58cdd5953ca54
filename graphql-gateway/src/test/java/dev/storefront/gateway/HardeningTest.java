package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import graphql.introspection.IntrospectionQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.storefront.gateway.GatewayHttp.GRAPHQL_RESPONSE;
import static dev.storefront.gateway.GatewayHttp.firstErrorCode;
import static dev.storefront.gateway.GatewayHttp.firstErrorMessage;
import static dev.storefront.gateway.GatewayHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6's gateway hardening over real HTTP: operation limits, fragment cycles, body size,
 * batching, introspection and GraphiQL switches, CSRF prevention, response headers. After every
 * refusal the gateway still answers.
 */
class HardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tight limits so that small fixture queries cross them. */
    private static final OperationLimits LIMITS = new OperationLimits(6, 5, 500, 10, true);

    private static ShopGateway shop;
    private static GatewayServer server;
    private static GatewayServer locked;
    private static GatewayHttp http;
    private static GatewayHttp lockedHttp;

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopGateway(LIMITS, GatewayTracing.disabled(), SubgraphClient.Resilience.defaults());
        server = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 4096, List.of(), 3,
                true, true, null, GatewayTracing.disabled())).start();
        http = new GatewayHttp(server);
        // production switches: no introspection, no GraphiQL, no batches
        Gateway production = Gateway.builder(shop.supergraph, shop.gateway.client()).planCacheSize(10).limits(new OperationLimits(6, 5, 500, 10, false)).build();
        locked = new GatewayServer(production, new GatewayServer.Settings("127.0.0.1", 0, 4096, List.of(), 0,
                false, true, null, GatewayTracing.disabled())).start();
        lockedHttp = new GatewayHttp(locked);
    }

    @AfterAll
    static void stop() {
        server.stop();
        locked.stop();
        shop.close();
    }

    @Test
    void tooDeepQueryIsRefusedNamingTheLimit() throws Exception {
        var response = http.post("{ products(first: 1) { related { related { related { related { related { related { id } } } } } } } }");
        assertEquals(400, response.statusCode());
        assertEquals("MAX_DEPTH_EXCEEDED", firstErrorCode(response));
        assertEquals("Query depth 8 exceeds the maximum depth of 6 (GATEWAY_MAX_DEPTH).", firstErrorMessage(response));
        assertFalse(json(response).containsKey("data"));
        // depth counted through fragments too
        var viaFragment = http.post("{ products(first: 1) { ...R } } fragment R on Product { related { related { related { related { related { id } } } } } }");
        assertEquals("MAX_DEPTH_EXCEEDED", firstErrorCode(viaFragment));
        http.assertHealthy();
        var deepEnough = http.post("{ products(first: 1) { related { related { related { related { id } } } } } }");
        assertTrue(firstErrorCode(deepEnough).equals("MAX_COST_EXCEEDED"), "depth 6 is allowed; this one is only too costly");
        assertEquals(200, http.post("{ products(first: 1) { related { related { id } } } }").statusCode());
    }

    @Test
    void aliasBombIsRefusedNamingTheLimit() throws Exception {
        StringBuilder query = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            query.append(" a").append(i).append(": me { name }");
        }
        var response = http.post(query.append(" }").toString());
        assertEquals(400, response.statusCode());
        assertEquals("MAX_ALIASES_EXCEEDED", firstErrorCode(response));
        assertEquals("The operation uses 200 aliases, more than the maximum of 5 (GATEWAY_MAX_ALIASES).", firstErrorMessage(response));
        http.assertHealthy();
        assertEquals(200, http.post("{ a: me { name } b: me { n: name } }").statusCode());
    }

    @Test
    void expensiveQueryIsRefusedWithItsEstimatedCost() throws Exception {
        // products @listSize(slicingArguments: ["first"]): 100 x (Product 1 + related: 10 (default list size) x Product 1) = 1100
        var response = http.post("{ products(first: 100) { related { id name } } }");
        assertEquals(400, response.statusCode());
        assertEquals("MAX_COST_EXCEEDED", firstErrorCode(response));
        assertTrue(firstErrorMessage(response).startsWith("Estimated query cost 1100 exceeds the maximum cost of 500 (GATEWAY_MAX_COST"),
                firstErrorMessage(response));
        // the size may come from a variable
        var byVariable = http.postRaw(JSON.writeValueAsString(Map.of(
                        "query", "query($n: Int) { products(first: $n) { related { id } } }", "variables", Map.of("n", 100))),
                "Content-Type", "application/json", "Accept", GRAPHQL_RESPONSE);
        assertEquals("MAX_COST_EXCEEDED", firstErrorCode(byVariable));
        var cheap = http.postRaw(JSON.writeValueAsString(Map.of(
                        "query", "query($n: Int) { products(first: $n) { related { id } } }", "variables", Map.of("n", 2))),
                "Content-Type", "application/json", "Accept", GRAPHQL_RESPONSE);
        assertEquals(200, cheap.statusCode(), cheap.body());
        http.assertHealthy();
    }

    @Test
    void fragmentFanOutIsCutOffByTheFieldLimitQuickly() throws Exception {
        // 2^24 field visits if expanded naively (all scalars: free by the cost rules); the walk stops
        // once more fields than GATEWAY_MAX_FIELDS were selected
        StringBuilder query = new StringBuilder("{ products(first: 1) { ...F0 } }");
        for (int i = 0; i < 24; i++) {
            query.append(" fragment F").append(i).append(" on Product { ...F").append(i + 1).append(" ...F").append(i + 1)
                    .append(" id }");
        }
        query.append(" fragment F24 on Product { id }");
        long start = System.nanoTime();
        var response = http.post(query.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(400, response.statusCode());
        assertEquals("MAX_FIELDS_EXCEEDED", firstErrorCode(response));
        assertTrue(millis < 2000, "refusal took " + millis + " ms");
        http.assertHealthy();
    }

    @Test
    void fragmentCyclesAreRejectedByValidation() throws Exception {
        var response = http.post("{ products(first: 1) { ...A } } fragment A on Product { related { ...B } } "
                + "fragment B on Product { related { ...A } }");
        assertEquals(400, response.statusCode());
        assertEquals("GRAPHQL_VALIDATION_FAILED", firstErrorCode(response));
        assertTrue(firstErrorMessage(response).contains("Fragment cycles not allowed"), response.body());
        var selfCycle = http.post("{ me { ...Self } } fragment Self on Account { name ...Self }");
        assertEquals(400, selfCycle.statusCode());
        assertTrue(firstErrorMessage(selfCycle).contains("Fragment cycles not allowed"), selfCycle.body());
        http.assertHealthy();
    }

    @Test
    void hugeBodyIsRefusedWith413NamingTheLimit() throws Exception {
        var response = http.postRaw("{\"query\":\"{ me { name } }\",\"variables\":{\"pad\":\"" + "x".repeat(100_000) + "\"}}",
                "Content-Type", "application/json", "Accept", GRAPHQL_RESPONSE);
        assertEquals(413, response.statusCode());
        assertEquals("PAYLOAD_TOO_LARGE", firstErrorCode(response));
        assertEquals("The request body is larger than 4096 bytes, the maximum (GATEWAY_MAX_BODY_BYTES).", firstErrorMessage(response));
        http.assertHealthy();
    }

    @Test
    void batchesRunInOrderUpToTheLimit() throws Exception {
        String batch = "[{\"query\":\"{ me { name } }\"},{\"query\":\"{ product(id: \\\"p1\\\") { name } }\"},"
                + "{\"query\":\"{ me { nope } }\"}]";
        var response = http.postRaw(batch, "Content-Type", "application/json", "Accept", GRAPHQL_RESPONSE);
        assertEquals(200, response.statusCode(), response.body());
        List<?> results = JSON.readValue(response.body(), List.class);
        assertEquals(3, results.size());
        assertEquals(Map.of("data", Map.of("me", Map.of("name", "Ada"))), results.get(0));
        assertEquals(Map.of("data", Map.of("product", Map.of("name", "Product 1"))), results.get(1));
        assertTrue(((Map<?, ?>) results.get(2)).containsKey("errors"), "each entry carries its own errors");

        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tooMany.add(Map.of("query", "{ me { name } }"));
        }
        var refused = http.postRaw(JSON.writeValueAsString(tooMany), "Content-Type", "application/json", "Accept", GRAPHQL_RESPONSE);
        assertEquals(400, refused.statusCode());
        assertEquals("BATCH_LIMIT_EXCEEDED", firstErrorCode(refused));
        assertEquals("The batch has 4 operations, more than the maximum of 3 (GATEWAY_MAX_BATCH_SIZE).", firstErrorMessage(refused));
        http.assertHealthy();

        var disabled = lockedHttp.postRaw("[{\"query\":\"{ me { name } }\"}]", "Content-Type", "application/json");
        assertEquals(400, disabled.statusCode());
        assertEquals("BATCHING_DISABLED", firstErrorCode(disabled));
        assertTrue(firstErrorMessage(disabled).contains("GATEWAY_MAX_BATCH_SIZE=0"), disabled.body());
    }

    @Test
    void introspectionAndGraphiqlCanBeSwitchedOff() throws Exception {
        var schema = lockedHttp.post("{ __schema { queryType { name } } }");
        assertEquals(400, schema.statusCode());
        assertEquals("INTROSPECTION_DISABLED", firstErrorCode(schema));
        assertTrue(firstErrorMessage(schema).contains("GATEWAY_INTROSPECTION=false"), schema.body());
        var hiddenInFragment = lockedHttp.post("{ ...Q } fragment Q on Query { __type(name: \"Product\") { name } }");
        assertEquals("INTROSPECTION_DISABLED", firstErrorCode(hiddenInFragment));
        // __typename is not introspection: clients need it
        var typename = lockedHttp.post("{ __typename me { __typename name } }");
        assertEquals("{\"data\":{\"__typename\":\"Query\",\"me\":{\"__typename\":\"Account\",\"name\":\"Ada\"}}}", typename.body());
        assertEquals(404, lockedHttp.get("/graphiql").statusCode());
        assertEquals(404, lockedHttp.get("/graphiql/graphiql.min.js").statusCode());
        lockedHttp.assertHealthy();

        var allowed = http.post("{ __schema { queryType { name } } }");
        assertEquals("{\"data\":{\"__schema\":{\"queryType\":{\"name\":\"Query\"}}}}", allowed.body());
        assertEquals(200, http.get("/graphiql").statusCode());
    }

    @Test
    void graphiqlsIntrospectionQueryFitsTheDefaultLimits() throws Exception {
        OperationLimits defaults = GatewayConfig.load(Map.of()).limits();
        assertEquals(new OperationLimits(15, 30, 50_000, 10, true), defaults);
        var document = graphql.parser.Parser.parse(IntrospectionQuery.INTROSPECTION_QUERY);
        var operation = document.getDefinitionsOfType(graphql.language.OperationDefinition.class).getFirst();
        assertEquals(java.util.Optional.empty(), defaults.check(shop.supergraph.apiSchema(), document, operation, Map.of()));
    }

    @Test
    void simpleRequestsAreRefusedAsPotentialCsrf() throws Exception {
        String body = "{\"query\":\"{ me { name } }\"}";
        for (String simpleType : List.of("text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            var response = http.postRaw(body, "Content-Type", simpleType, "Accept", GRAPHQL_RESPONSE);
            assertEquals(400, response.statusCode(), simpleType);
            assertEquals("CSRF_PREVENTED", firstErrorCode(response), simpleType);
        }
        var noContentType = http.postRaw(body, "Accept", GRAPHQL_RESPONSE);
        assertEquals("CSRF_PREVENTED", firstErrorCode(noContentType));
        String get = "/graphql?query=%7B%20me%20%7B%20name%20%7D%20%7D";
        var plainGet = http.get(get);
        assertEquals(400, plainGet.statusCode());
        assertEquals("CSRF_PREVENTED", firstErrorCode(plainGet));
        assertTrue(firstErrorMessage(plainGet).contains("GraphQL-Require-Preflight"), plainGet.body());

        // anything a browser would have to preflight passes
        for (String header : List.of("GraphQL-Require-Preflight", "Apollo-Require-Preflight", "X-Apollo-Operation-Name")) {
            assertEquals("{\"data\":{\"me\":{\"name\":\"Ada\"}}}", http.get(get, header, "1").body(), header);
        }
        assertEquals(200, http.get(get, "Content-Type", "application/json").statusCode());
        // a preflight header gets past CSRF prevention; the content type is then judged on its own
        assertEquals(415, http.postRaw(body, "Content-Type", "text/plain", "Apollo-Require-Preflight", "true").statusCode());
        http.assertHealthy();
    }

    @Test
    void responseHeadersLeakNothingAndForbidSniffing() throws Exception {
        for (HttpResponse<String> response : List.of(http.post("{ me { name } }"), http.post("{ nope }"),
                http.get("/health"), http.get("/graphiql"), http.get("/no-such-path"))) {
            String what = response.uri().getPath() + " " + response.statusCode();
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null), what);
            assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null), what);
            assertTrue(response.headers().firstValue("Server").isEmpty(), what + " " + response.headers().map());
            assertTrue(response.headers().firstValue("X-Powered-By").isEmpty(), what);
            assertFalse(response.body().contains("Exception") || response.body().contains("at io.helidon"), what);
        }
        assertEquals("no-store", http.post("{ me { name } }").headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void limitRefusalsAreCountedByReason() throws Exception {
        http.post("{ products(first: 1) { related { related { related { related { related { related { id } } } } } } } }");
        http.post("{ a: me { name } b: me { name } c: me { name } d: me { name } e: me { name } f: me { name } }");
        http.post("{ products(first: 100) { related { id name } } }");
        lockedHttp.post("{ __schema { queryType { name } } }");
        String metrics = http.get("/metrics").body();
        for (String reason : List.of("max_depth_exceeded", "max_aliases_exceeded", "max_cost_exceeded")) {
            assertTrue(metrics.matches("(?s).*gateway_requests_rejected_total\\{reason=\"" + reason + "\"\\} [1-9].*"),
                    reason + " counted:\n" + metrics);
        }
        assertTrue(lockedHttp.get("/metrics").body().contains("gateway_requests_rejected_total{reason=\"introspection_disabled\"} 1"));
    }

    @Test
    void longNamesAreNotEchoedInFull() throws Exception {
        String name = "f".repeat(3_000); // this server takes 4 KiB bodies; the default is 1 MiB
        var response = http.post("{ " + name + " }");
        assertEquals(400, response.statusCode());
        String message = firstErrorMessage(response);
        assertTrue(message.length() < 400, "message of " + message.length() + " characters");
        assertTrue(message.contains("(3000 characters)"), message);
        var operation = http.postRaw(JSON.writeValueAsString(java.util.Map.of("query", "{ me { name } }",
                "operationName", "o".repeat(3_000))));
        assertTrue(operation.body().length() < 1000, operation.body().length() + " bytes");
        http.assertHealthy();
    }
}
