package dev.storefront.e2e.tracing;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.storefront.e2e.tracing.JaegerCollector.ReceivedSpan;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Traces as an operator sees them in Jaeger: the services run as processes with tracing on and
 * export over the Jaeger gRPC protocol to a real collector endpoint in this JVM
 * ({@link JaegerCollector}); the assertions are on the received span trees.
 */
class DistributedTracingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(20);
    private static TracedStorefront stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TracedStorefront.start();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void subgraphRequestIsAServerSpanOfTheCallersTraceWithOneChildSpanPerStatement() throws Exception {
        // a caller (as the gateway would be) sends its W3C trace context
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        JsonObject response = graphql(stack.url("products"),
                "{ products(first: 3) { edges { node { id name } } } }",
                Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01"));
        assertThat(response.toString(), response.getJsonObject("data").getJsonObject("products")
                .getJsonArray("edges").size(), is(3));

        List<ReceivedSpan> trace = stack.collector().await(
                spans -> inTrace(spans, traceId).stream().anyMatch(DistributedTracingTest::isStatement),
                EXPORT_WAIT);
        List<ReceivedSpan> spans = inTrace(trace, traceId);
        ReceivedSpan server = spans.stream().filter(s -> "server".equals(s.kind())).findFirst().orElseThrow();
        assertThat(server.service(), is("products"));
        assertThat("the server span continues the caller's span", server.parentSpanId(), is(callerSpanId));
        assertThat(server.tags().get("http.method"), is("POST"));

        List<ReceivedSpan> statements = spans.stream().filter(DistributedTracingTest::isStatement).toList();
        for (ReceivedSpan statement : statements) {
            assertThat(statement.toString(), statement.service(), is("products"));
            assertThat(statement.toString(), ancestors(statement, spans), hasItem(server.spanId()));
            assertThat(statement.toString(), statement.tags().get("db.statement"), notNullValue());
        }
        printTree("products query", spans);
    }

    @Test
    void requestWithoutTraceContextStartsANewTrace() throws Exception {
        graphql(stack.url("payments"), "{ __typename }", Map.of());
        List<ReceivedSpan> spans = stack.collector().await(
                all -> all.stream().anyMatch(s -> "payments".equals(s.service()) && "server".equals(s.kind())),
                EXPORT_WAIT);
        ReceivedSpan server = spans.stream()
                .filter(s -> "payments".equals(s.service()) && "server".equals(s.kind())).findFirst().orElseThrow();
        assertThat(server.parentSpanId(), nullValue());
    }

    /**
     * One checkout, sent to orders with the caller's trace context as the gateway sends it: one
     * trace from the caller's span through the orders mutation, orders' calls to products and
     * payments, and the statements each service runs.
     */
    @Test
    void checkoutIsOneTraceAcrossOrdersProductsPaymentsAndTheirDatabases() throws Exception {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        JsonObject response = graphql(stack.url("orders"), """
                mutation {
                  placeOrder(input: {userId: "user-2", idempotencyKey: "%s",
                                     items: [{productId: "prod-02", quantity: 2}, {productId: "prod-04", quantity: 1}],
                                     paymentMethod: {cardNumber: "4242424242424242"}}) {
                    order { id status }
                    userErrors { code message }
                  }
                }""".formatted(UUID.randomUUID()), Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01"));
        JsonObject placed = response.getJsonObject("data").getJsonObject("placeOrder");
        assertThat(response.toString(), placed.getJsonArray("userErrors"), hasSize(0));
        assertThat(response.toString(), placed.getJsonObject("order").getString("status"), is("PAID"));

        List<String> services = List.of("orders", "products", "payments");
        List<ReceivedSpan> trace = inTrace(stack.collector().await(
                spans -> services.stream().allMatch(service -> inTrace(spans, traceId).stream()
                        .anyMatch(s -> service.equals(s.service()) && isStatement(s))),
                EXPORT_WAIT), traceId);
        printTree("checkout", trace);

        assertThat("only the caller's span is outside the received trace",
                trace.stream().filter(s -> !ids(trace).contains(s.parentSpanId())).map(ReceivedSpan::parentSpanId).toList(),
                everyItem(is(callerSpanId)));
        ReceivedSpan ordersServer = trace.stream()
                .filter(s -> "orders".equals(s.service()) && callerSpanId.equals(s.parentSpanId())).findFirst().orElseThrow();
        for (String service : services) {
            ReceivedSpan server = trace.stream()
                    .filter(s -> service.equals(s.service()) && "server".equals(s.kind())).findFirst().orElseThrow();
            assertThat(service + " serves within the checkout", ancestors(server, trace), hasItem(callerSpanId));
            for (ReceivedSpan statement : trace.stream().filter(s -> service.equals(s.service()) && isStatement(s)).toList()) {
                assertThat(statement + " hangs below its service's server span",
                        ancestors(statement, trace).stream().anyMatch(id -> trace.stream().anyMatch(
                                s -> s.spanId().equals(id) && service.equals(s.service()) && "server".equals(s.kind()))),
                        is(true));
            }
        }
        for (String callee : List.of("products", "payments")) {
            // the web server's span, not the JAX-RS resource span below it
            ReceivedSpan server = trace.stream()
                    .filter(s -> callee.equals(s.service()) && "helidon-webserver".equals(s.tags().get("component")))
                    .findFirst().orElseThrow();
            ReceivedSpan parent = trace.stream().filter(s -> s.spanId().equals(server.parentSpanId())).findFirst().orElseThrow();
            assertThat(callee + " is called by an orders client span", parent.service() + "/" + parent.kind(), is("orders/client"));
            assertThat(ancestors(server, trace), hasItem(ordersServer.spanId()));
        }
        System.out.printf("checkout trace: %d spans, depth %d below the caller, services %s%n",
                trace.size(), depth(trace), new LinkedHashSet<>(trace.stream().map(ReceivedSpan::service).toList()));
    }

    private static boolean isStatement(ReceivedSpan span) {
        return "dbclient".equals(span.tags().get("component"));
    }

    private static List<ReceivedSpan> inTrace(List<ReceivedSpan> spans, String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private static Set<String> ids(List<ReceivedSpan> spans) {
        Set<String> ids = new LinkedHashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        return ids;
    }

    /** Span ids from the span's parent up to the root (or the first parent not received). */
    private static List<String> ancestors(ReceivedSpan span, List<ReceivedSpan> trace) {
        Map<String, ReceivedSpan> byId = new HashMap<>();
        trace.forEach(s -> byId.put(s.spanId(), s));
        List<String> chain = new ArrayList<>();
        for (String parent = span.parentSpanId(); parent != null && chain.size() < 100; ) {
            chain.add(parent);
            ReceivedSpan next = byId.get(parent);
            parent = next == null ? null : next.parentSpanId();
        }
        return chain;
    }

    private static int depth(List<ReceivedSpan> trace) {
        return trace.stream().mapToInt(s -> ancestors(s, trace).size() + 1).max().orElse(0);
    }

    private static void printTree(String title, List<ReceivedSpan> trace) {
        System.out.println("--- " + title + " trace (" + trace.size() + " spans) ---");
        trace.stream().filter(s -> s.parentSpanId() == null || !ids(trace).contains(s.parentSpanId()))
                .sorted(java.util.Comparator.comparingLong(ReceivedSpan::startMicros))
                .forEach(root -> printNode(root, trace, 0));
    }

    private static void printNode(ReceivedSpan span, List<ReceivedSpan> trace, int level) {
        System.out.printf("%s%s %s [%s] %.1f ms%n", "  ".repeat(level), span.service(), span.operation(),
                span.kind() == null ? "" : span.kind(), span.durationMicros() / 1000.0);
        trace.stream().filter(s -> span.spanId().equals(s.parentSpanId()))
                .sorted(java.util.Comparator.comparingLong(ReceivedSpan::startMicros))
                .forEach(child -> printNode(child, trace, level + 1));
    }

    private static JsonObject graphql(String baseUrl, String query, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("query", query).build().toString()));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
