package dev.storefront.e2e.tracing;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import dev.storefront.e2e.StorefrontStack;
import dev.storefront.e2e.tracing.JaegerCollector.ReceivedSpan;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Traces as an operator sees them in Jaeger: the services and the gateway run as processes with
 * tracing on and export over the Jaeger gRPC protocol to a real collector endpoint in this JVM
 * ({@link JaegerCollector}); the assertions are on the received span trees.
 */
class DistributedTracingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(20);
    private static final String GATEWAY = "graphql-gateway";
    /** Demo customers' password (users/README.md). */
    private static final String DEMO_PASSWORD = "storefront-demo";
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

        // the server span ends (and is exported) after its statements: wait for both
        List<ReceivedSpan> trace = stack.collector().await(
                spans -> inTrace(spans, traceId).stream().anyMatch(DistributedTracingTest::isStatement)
                        && inTrace(spans, traceId).stream().anyMatch(s -> callerSpanId.equals(s.parentSpanId())),
                EXPORT_WAIT);
        List<ReceivedSpan> spans = inTrace(trace, traceId);
        ReceivedSpan server = spans.stream().filter(s -> callerSpanId.equals(s.parentSpanId())).findFirst().orElseThrow();
        assertThat(server.kind(), is("server"));
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
        long sentMicros = nowMicros();
        graphql(stack.url("payments"), "{ __typename }", Map.of());
        // this request's span: payments' GraphQL endpoint, from now on (the checkout test's payments
        // spans are on /internal and have parents)
        Predicate<ReceivedSpan> thisRequest = s -> "payments".equals(s.service()) && "server".equals(s.kind())
                && s.startMicros() >= sentMicros && "POST /graphql".equals(s.operation());
        List<ReceivedSpan> spans = stack.collector().await(all -> all.stream().anyMatch(thisRequest), EXPORT_WAIT);
        ReceivedSpan server = spans.stream().filter(thisRequest).findFirst().orElseThrow();
        assertThat(server.parentSpanId(), nullValue());
    }

    /**
     * One checkout as a storefront sends it: sign in through the gateway, then one
     * {@code placeOrder} through the gateway. It is one trace, rooted at the gateway's request span:
     * gateway → {@code fetch orders} → orders → orders' calls → products and payments → the
     * statements each service runs; every span's parent is in the trace.
     */
    @Test
    void checkoutThroughTheGatewayIsOneTraceFromTheGatewayToEveryDatabase() throws Exception {
        String gateway = stack.gatewayUrl();
        String token = StorefrontStack.login(gateway, "grace@example.com", DEMO_PASSWORD);
        // the gateway and orders fetch the users key set on the first token they see, in a trace of
        // its own (cached for minutes, not part of any request's work): warm both before the checkout
        JsonObject myOrders = StorefrontStack.graphql(gateway,
                "{ me { id orders(first: 1) { edges { node { id } } } } }", Map.of(), token);
        assertThat(myOrders.toString(), myOrders.getJsonObject("data").getJsonObject("me").getJsonObject("orders"), notNullValue());

        long sentMicros = nowMicros();
        JsonObject response = StorefrontStack.graphql(gateway, """
                mutation Checkout($key: String!) {
                  placeOrder(input: {idempotencyKey: $key,
                                     items: [{productId: "prod-02", quantity: 2}, {productId: "prod-04", quantity: 1}],
                                     paymentMethod: {cardNumber: "4242424242424242"}}) {
                    order { id status }
                    userErrors { code message }
                  }
                }""", Map.of("key", UUID.randomUUID().toString()), token);
        long answeredMicros = nowMicros();
        JsonObject placed = response.getJsonObject("data").getJsonObject("placeOrder");
        assertThat(response.toString(), placed.getJsonArray("userErrors"), hasSize(0));
        assertThat(response.toString(), placed.getJsonObject("order").getString("status"), is("PAID"));

        // the checkout's trace: the one with the gateway's fetch of orders (sign-in fetches users)
        List<String> services = List.of("orders", "products", "payments");
        Predicate<List<ReceivedSpan>> complete = spans -> checkoutTraceId(spans, sentMicros)
                .map(traceId -> inTrace(spans, traceId))
                .filter(trace -> trace.stream().anyMatch(s -> GATEWAY.equals(s.service()) && s.parentSpanId() == null)
                        && services.stream().allMatch(service -> trace.stream()
                        .anyMatch(s -> service.equals(s.service()) && isStatement(s))))
                .isPresent();
        stack.collector().await(complete, EXPORT_WAIT);
        List<ReceivedSpan> received = awaitSettled(stack.collector());
        String traceId = checkoutTraceId(received, sentMicros).orElseThrow();
        List<ReceivedSpan> trace = inTrace(received, traceId);
        printTree("checkout through the gateway", trace);

        List<ReceivedSpan> elsewhere = received.stream()
                .filter(s -> s.startMicros() >= sentMicros && s.startMicros() <= answeredMicros)
                .filter(s -> !s.traceId().equals(traceId)).toList();
        assertThat("every span a process started while serving the checkout is in its trace: " + elsewhere,
                elsewhere, hasSize(0));
        List<ReceivedSpan> roots = trace.stream().filter(s -> s.parentSpanId() == null).toList();
        assertThat("one root", roots, hasSize(1));
        ReceivedSpan root = roots.getFirst();
        assertThat(root.toString(), root.service() + "/" + root.kind(), is(GATEWAY + "/server"));
        assertThat("every other span's parent is in the trace",
                trace.stream().filter(s -> s != root && !ids(trace).contains(s.parentSpanId())).toList(), hasSize(0));

        ReceivedSpan fetchOrders = only(trace, s -> GATEWAY.equals(s.service()) && "fetch orders".equals(s.operation()));
        assertThat(fetchOrders.toString(), fetchOrders.kind(), is("client"));
        assertThat(fetchOrders.tags().get("graphql.operation.type"), is("mutation"));
        assertThat("the gateway's fetch is a child of its request span", fetchOrders.parentSpanId(), is(root.spanId()));

        List<ReceivedSpan> ordersServers = webServerSpans(trace, "orders");
        assertThat("orders serves one request: the gateway's fetch", ordersServers, hasSize(1));
        ReceivedSpan ordersServer = ordersServers.getFirst();
        assertThat("orders serves the gateway's fetch", ordersServer.parentSpanId(), is(fetchOrders.spanId()));
        for (String callee : List.of("products", "payments")) {
            List<ReceivedSpan> servers = webServerSpans(trace, callee);
            assertThat(callee + " serves orders during the checkout", servers.isEmpty(), is(false));
            for (ReceivedSpan server : servers) {
                ReceivedSpan caller = byId(trace, server.parentSpanId());
                assertThat(server + " is called by an orders client span", caller.service() + "/" + caller.kind(), is("orders/client"));
                assertThat(server + " is called while orders serves the checkout", ancestors(caller, trace), hasItem(ordersServer.spanId()));
            }
        }
        for (ReceivedSpan call : trace.stream().filter(s -> "orders".equals(s.service()) && "client".equals(s.kind())).toList()) {
            assertThat(call + " reaches a server span in the trace",
                    trace.stream().filter(s -> call.spanId().equals(s.parentSpanId()) && "server".equals(s.kind())).toList(), hasSize(1));
        }
        for (String service : services) {
            Set<String> serverSpanIds = ids(webServerSpans(trace, service));
            List<ReceivedSpan> statements = trace.stream().filter(s -> service.equals(s.service()) && isStatement(s)).toList();
            assertThat(service + " runs statements", statements.isEmpty(), is(false));
            for (ReceivedSpan statement : statements) {
                assertThat(statement + " hangs below a server span of " + service,
                        ancestors(statement, trace).stream().anyMatch(serverSpanIds::contains), is(true));
                assertThat(statement.toString(), statement.tags().get("db.statement"), notNullValue());
            }
        }
        System.out.printf("checkout trace through the gateway: %d spans, depth %d, services %s%n",
                trace.size(), depth(trace), new LinkedHashSet<>(trace.stream().map(ReceivedSpan::service).toList()));
    }

    /** The trace of the first gateway {@code fetch orders} span started at or after the given time. */
    private static Optional<String> checkoutTraceId(List<ReceivedSpan> spans, long sinceMicros) {
        return spans.stream()
                .filter(s -> GATEWAY.equals(s.service()) && "fetch orders".equals(s.operation()) && s.startMicros() >= sinceMicros)
                .min(Comparator.comparingLong(ReceivedSpan::startMicros))
                .map(ReceivedSpan::traceId);
    }

    /** Spans once nothing new has arrived for a second (the gateway and the services export separately). */
    private static List<ReceivedSpan> awaitSettled(JaegerCollector collector) throws InterruptedException {
        List<ReceivedSpan> before = collector.spans();
        while (true) {
            Thread.sleep(1000);
            List<ReceivedSpan> now = collector.spans();
            if (now.size() == before.size()) {
                return now;
            }
            before = now;
        }
    }

    /** The web server's request spans of a service. */
    private static List<ReceivedSpan> webServerSpans(List<ReceivedSpan> trace, String service) {
        return trace.stream().filter(s -> service.equals(s.service()) && "server".equals(s.kind())
                && "helidon-webserver".equals(s.tags().get("component"))).toList();
    }

    private static ReceivedSpan only(List<ReceivedSpan> trace, Predicate<ReceivedSpan> condition) {
        List<ReceivedSpan> matching = trace.stream().filter(condition).toList();
        assertThat(matching.toString(), matching, hasSize(1));
        return matching.getFirst();
    }

    private static ReceivedSpan byId(List<ReceivedSpan> trace, String spanId) {
        return trace.stream().filter(s -> s.spanId().equals(spanId)).findFirst()
                .orElseThrow(() -> new AssertionError("span " + spanId + " not in the trace"));
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
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
                .sorted(Comparator.comparingLong(ReceivedSpan::startMicros))
                .forEach(root -> printNode(root, trace, 0));
    }

    private static void printNode(ReceivedSpan span, List<ReceivedSpan> trace, int level) {
        System.out.printf("%s%s %s [%s] %.1f ms%n", "  ".repeat(level), span.service(), span.operation(),
                span.kind() == null ? "" : span.kind(), span.durationMicros() / 1000.0);
        trace.stream().filter(s -> span.spanId().equals(s.parentSpanId()))
                .sorted(Comparator.comparingLong(ReceivedSpan::startMicros))
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
