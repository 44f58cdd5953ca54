package dev.storefront.gateway;

import dev.storefront.gateway.http.GatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GraphQL over HTTP through the real Helidon server in front of the shop fixture. */
class HttpServerTest {
    private static ShopGateway shop;
    private static GatewayServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopGateway();
        server = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 2048,
                List.of("http://shop.example"))).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        shop.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> post(String body, String accept, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as a GraphQL client sends it: with a preflight header, which CSRF prevention asks of GETs. */
    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("GraphQL-Require-Preflight", "1").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientsThatDoNotNameTheNewMediaTypeGetApplicationJson() throws Exception {
        for (String accept : new String[] {null, "*/*", "application/json"}) {
            var invalid = post("{\"query\":\"{ me { nope } }\"}", accept);
            // legacy watershed of the GraphQL-over-HTTP spec: application/json, 200 even for a request error
            assertEquals(200, invalid.statusCode(), String.valueOf(accept));
            assertTrue(invalid.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), String.valueOf(accept));
            assertTrue(invalid.body().contains("\"errors\""), invalid.body());
        }
    }

    @Test
    void postWithGraphqlResponseMediaType() throws Exception {
        var ok = post("{\"query\":\"{ me { name } }\"}", "application/graphql-response+json");
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("application/graphql-response+json"));
        assertEquals("{\"data\":{\"me\":{\"name\":\"Ada\"}}}", ok.body());
        var invalid = post("{\"query\":\"{ me { nope } }\"}", "application/graphql-response+json");
        assertEquals(400, invalid.statusCode());
        assertTrue(invalid.body().contains("\"locations\""), invalid.body());
    }

    @Test
    void postWithPlainJsonAnswers200EvenForRequestErrors() throws Exception {
        var invalid = post("{\"query\":\"{ me { nope } }\"}", "application/json");
        assertEquals(200, invalid.statusCode());
        assertTrue(invalid.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        var notJson = post("{oops", "application/json");
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().startsWith("{\"errors\""), notJson.body());
    }

    @Test
    void getQueriesAndNoMutationsOverGet() throws Exception {
        var ok = get("/graphql?query=" + URLEncoder.encode("{ product(id: \"p1\") { name stock } }", StandardCharsets.UTF_8));
        assertEquals(200, ok.statusCode());
        assertEquals("{\"data\":{\"product\":{\"name\":\"Product 1\",\"stock\":3}}}", ok.body());
        var mutation = get("/graphql?query=" + URLEncoder.encode("mutation { renameAccount(id: \"a1\", name: \"Ada\") { name } }",
                StandardCharsets.UTF_8));
        assertEquals(405, mutation.statusCode());
    }

    @Test
    void bodySizeLimitAndQueryPlanOnRequest() throws Exception {
        var tooLarge = post("{\"query\":\"{ me { name } }\", \"pad\":\"" + "x".repeat(4000) + "\"}", null);
        assertEquals(413, tooLarge.statusCode());
        var withPlan = post("{\"query\":\"{ me { name } }\"}", null, "X-Query-Plan", "true");
        assertTrue(withPlan.body().contains("\"extensions\":{\"queryPlan\":\"QueryPlan {"), withPlan.body());
        var viaExtension = post("{\"query\":\"{ me { name } }\",\"extensions\":{\"includeQueryPlan\":true}}", null);
        assertTrue(viaExtension.body().contains("queryPlan"), viaExtension.body());
    }

    @Test
    void corsForConfiguredOrigins() throws Exception {
        var allowed = post("{\"query\":\"{ me { name } }\"}", null, "Origin", "http://shop.example");
        assertEquals("http://shop.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        var other = post("{\"query\":\"{ me { name } }\"}", null, "Origin", "http://evil.example");
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void graphiqlHealthAndMetrics() throws Exception {
        var page = get("/graphiql");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/graphiql/graphiql.min.js") && !page.body().contains("https://"), page.body());
        var script = get("/graphiql/graphiql.min.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().length() > 1_000_000);
        assertEquals(404, get("/graphiql/..%2Fsecret").statusCode());
        assertTrue(get("/health").body().contains("\"UP\""));
        assertEquals(200, get("/health/ready").statusCode());
        post("{\"query\":\"{ me { name } }\"}", null);
        post("{\"query\":\"{ me { name } }\"}", null);
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("gateway_plan_cache_hits_total"), metrics);
        // the second identical text was found parsed
        assertTrue(metrics.matches("(?s).*\ngateway_operation_cache_hits_total [1-9].*"), metrics);
        assertTrue(metrics.contains("gateway_subgraph_requests_total{subgraph=\"accounts\"}"), metrics);
        // what the benchmark divides by the requests answered: CPU and heap allocated, both growing
        assertTrue(metrics.matches("(?s).*\ngateway_process_cpu_seconds_total [0-9.]+(E-?[0-9]+)?\n.*"), metrics);
        assertTrue(metrics.matches("(?s).*\ngateway_jvm_allocated_bytes_total [1-9][0-9]*\n.*"), metrics);
        post("{\"query\":\"{ me { name } }\"}", null);
        assertTrue(allocatedBytes(get("/metrics").body()) > allocatedBytes(metrics));
    }

    private static long allocatedBytes(String metrics) {
        var m = java.util.regex.Pattern.compile("\ngateway_jvm_allocated_bytes_total ([0-9]+)\n").matcher(metrics);
        assertTrue(m.find(), metrics);
        return Long.parseLong(m.group(1));
    }

    @Test
    void latencyHistogramsPerRequestAndPerSubgraphAttempt() throws Exception {
        String before = get("/metrics").body();
        try {
            shop.subgraphs.accounts.delay(30);
            for (int i = 0; i < 3; i++) {
                assertTrue(post("{\"query\":\"{ me { name } }\"}", null).body().contains("Ada"));
            }
            shop.subgraphs.accounts.delay(0);
            shop.subgraphs.accounts.failNext(2); // the first attempt and its one retry get 503
            assertTrue(post("{\"query\":\"{ me { name } }\"}", null).body().contains("\"errors\""));
        } finally {
            shop.subgraphs.reset();
        }
        String after = get("/metrics").body();
        String attempts = "gateway_subgraph_request_duration_seconds";
        assertEquals(3, sample(after, attempts + "_count", "subgraph=\"accounts\",outcome=\"ok\"")
                - sample(before, attempts + "_count", "subgraph=\"accounts\",outcome=\"ok\""), after);
        // each answer took at least the 30 ms delay: none of them may sit in the 25 ms bucket
        assertEquals(0, sample(after, attempts + "_bucket", "subgraph=\"accounts\",outcome=\"ok\",le=\"0.025\"")
                - sample(before, attempts + "_bucket", "subgraph=\"accounts\",outcome=\"ok\",le=\"0.025\""), after);
        assertEquals(3, sample(after, attempts + "_bucket", "subgraph=\"accounts\",outcome=\"ok\",le=\"+Inf\"")
                - sample(before, attempts + "_bucket", "subgraph=\"accounts\",outcome=\"ok\",le=\"+Inf\""), after);
        assertTrue(sample(after, attempts + "_sum", "subgraph=\"accounts\",outcome=\"ok\"")
                - sample(before, attempts + "_sum", "subgraph=\"accounts\",outcome=\"ok\"") >= 0.09, after);
        assertEquals(2, sample(after, attempts + "_count", "subgraph=\"accounts\",outcome=\"error\"")
                - sample(before, attempts + "_count", "subgraph=\"accounts\",outcome=\"error\""), after);
        assertEquals(4, sample(after, "gateway_request_duration_seconds_count", "")
                - sample(before, "gateway_request_duration_seconds_count", ""), after);
        assertEquals(0, sample(after, "gateway_request_duration_seconds_bucket", "le=\"0.025\"")
                - sample(before, "gateway_request_duration_seconds_bucket", "le=\"0.025\""), after);
    }

    /** The value of the sample with exactly these labels (as printed, without the trailing comma), 0 when absent. */
    private static double sample(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{(.*?),?})? (\\S+)$").matcher(metrics);
        while (m.find()) {
            if (labels.equals(m.group(1) == null ? "" : m.group(1))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
