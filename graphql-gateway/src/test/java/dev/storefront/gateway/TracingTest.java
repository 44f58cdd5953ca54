package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.ReadableSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trace context across the gateway: the subgraphs receive a {@code traceparent} in the caller's
 * trace whose parent is the gateway's {@code fetch <subgraph>} span, itself a child of the
 * gateway's server span, itself a child of the caller's span. Spans are observed with a Helidon
 * {@link SpanListener} on the real tracer (the export goes to a collector port nobody listens on;
 * the cross-process tree in Jaeger is asserted by the tracing e2e test).
 */
class TracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";
    /** Held so the quieted logger is not collected: the exporter would warn about the missing collector. */
    private static final Logger EXPORTER_LOG = Logger.getLogger("io.opentelemetry");

    private static final List<ReadableSpan> ended = new CopyOnWriteArrayList<>();
    private static GatewayTracing tracing;
    private static ShopGateway shop;
    private static GatewayServer traced;
    private static GatewayServer untraced;

    @BeforeAll
    static void start() throws Exception {
        EXPORTER_LOG.setLevel(Level.OFF);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        tracing = GatewayTracing.create(new GatewayTracing.Settings(true, "graphql-gateway", "127.0.0.1", closedPort, 1.0));
        tracing.tracer().register(new SpanListener() {
            @Override
            public void ended(Span span) {
                ended.add(span.unwrap(ReadableSpan.class));
            }

            @Override
            public void ended(Span span, Throwable t) {
                ended.add(span.unwrap(ReadableSpan.class));
            }
        });
        shop = new ShopGateway(OperationLimits.unlimited(), tracing, SubgraphClient.Resilience.defaults());
        traced = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of(), 10,
                true, true, null, tracing)).start();
        Gateway plain = Gateway.builder(shop.supergraph, shop.gateway.client()).planCacheSize(10).build();
        untraced = new GatewayServer(plain, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())).start();
    }

    @AfterAll
    static void stop() {
        traced.stop();
        untraced.stop();
        shop.close();
    }

    @BeforeEach
    void reset() {
        shop.subgraphs.reset();
        ended.clear();
    }

    private static Optional<ReadableSpan> span(String spanId) {
        return ended.stream().filter(s -> s.getSpanContext().getSpanId().equals(spanId)).findFirst();
    }

    /** The server span ends after the response is written: wait for it briefly. */
    private static ReadableSpan awaitSpan(String spanId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<ReadableSpan> span = span(spanId);
            if (span.isPresent()) {
                return span.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no span " + spanId + " among " + ended.stream().map(ReadableSpan::getName).toList());
    }

    private static ReadableSpan serverSpanOf(ReadableSpan fetch) throws InterruptedException {
        return awaitSpan(fetch.getParentSpanContext().getSpanId());
    }

    @Test
    void everySubgraphFetchCarriesTheCallersTraceWithAGatewayFetchSpanAsParent() throws Exception {
        var response = new GatewayHttp(traced).post("query ProductPage { product(id: \"p2\") { name stock } }",
                "traceparent", TRACEPARENT);
        assertTrue(response.body().startsWith("{\"data\":{\"product\":{\"name\":\"Product 2\",\"stock\":"), response.body());
        ReadableSpan server = null;
        for (FixtureSubgraph subgraph : List.of(shop.subgraphs.catalog, shop.subgraphs.inventory)) {
            Map<String, String> headers = subgraph.receivedHeaders().getFirst();
            String[] traceparent = headers.get("traceparent").split("-");
            assertEquals(TRACE_ID, traceparent[1], subgraph.name() + " is in the caller's trace");
            assertNotEquals(CALLER_SPAN, traceparent[2], subgraph.name() + "'s parent is a gateway span, not the caller's");
            assertEquals("01", traceparent[3], "sampled");
            assertTrue(headers.get("uber-trace-id").startsWith(TRACE_ID + ":" + traceparent[2]), headers.toString());

            ReadableSpan fetch = awaitSpan(traceparent[2]);
            assertEquals("fetch " + subgraph.name(), fetch.getName());
            assertEquals(SpanKind.CLIENT, fetch.getKind());
            assertEquals(subgraph.name(), fetch.getAttribute(AttributeKey.stringKey("subgraph")));
            assertEquals("ProductPage", fetch.getAttribute(AttributeKey.stringKey("graphql.operation.name")));
            assertEquals("query", fetch.getAttribute(AttributeKey.stringKey("graphql.operation.type")));
            assertEquals(subgraph == shop.subgraphs.inventory ? 1L : 0L,
                    fetch.getAttribute(AttributeKey.longKey("representations")));

            ReadableSpan parent = serverSpanOf(fetch);
            assertEquals(SpanKind.SERVER, parent.getKind());
            assertEquals(CALLER_SPAN, parent.getParentSpanContext().getSpanId(), "the server span continues the caller's");
            assertEquals(TRACE_ID, parent.getSpanContext().getTraceId());
            if (server != null) {
                assertEquals(server.getSpanContext().getSpanId(), parent.getSpanContext().getSpanId(), "one server span");
            }
            server = parent;
        }
    }

    @Test
    void aRequestWithoutTraceContextStartsOneTraceForAllItsFetches() throws Exception {
        var response = new GatewayHttp(traced).post("{ product(id: \"p1\") { name stock } }");
        assertEquals(200, response.statusCode());
        String catalogTrace = shop.subgraphs.catalog.receivedHeaders().getFirst().get("traceparent").split("-")[1];
        String inventoryTrace = shop.subgraphs.inventory.receivedHeaders().getFirst().get("traceparent").split("-")[1];
        assertEquals(catalogTrace, inventoryTrace);
        ReadableSpan fetch = awaitSpan(shop.subgraphs.catalog.receivedHeaders().getFirst().get("traceparent").split("-")[2]);
        ReadableSpan server = serverSpanOf(fetch);
        assertTrue(!server.getParentSpanContext().isValid(), "the server span is the root");
    }

    @Test
    void failedFetchesAreMarkedOnTheirSpan() throws Exception {
        shop.subgraphs.reviews.down(true);
        var response = new GatewayHttp(traced).post("{ review(id: \"r1\") { id } }", "traceparent", TRACEPARENT);
        assertTrue(response.body().contains("\"path\":[\"review\"]"), response.body());
        for (int i = 0; i < 100 && ended.stream().noneMatch(s -> s.getName().equals("fetch reviews")); i++) {
            Thread.sleep(20);
        }
        ReadableSpan fetch = ended.stream().filter(s -> s.getName().equals("fetch reviews")).findFirst().orElseThrow();
        assertEquals(io.opentelemetry.api.trace.StatusCode.ERROR, fetch.toSpanData().getStatus().getStatusCode());
        assertEquals("SUBREQUEST_HTTP_ERROR", fetch.getAttribute(AttributeKey.stringKey("error.code")));
    }

    @Test
    void withTracingOffTheCallersContextPassesThroughUntouched() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String traceparent = "00-" + traceId + "-b7ad6b7169203331-01";
        var response = new GatewayHttp(untraced).post("{ product(id: \"p1\") { name stock } }", "traceparent", traceparent);
        assertEquals(200, response.statusCode());
        assertEquals(Map.of("traceparent", traceparent), shop.subgraphs.catalog.receivedHeaders().getFirst());
        assertEquals(Map.of("traceparent", traceparent), shop.subgraphs.inventory.receivedHeaders().getFirst());
        Thread.sleep(100);
        assertTrue(ended.stream().noneMatch(s -> s.getSpanContext().getTraceId().equals(traceId)), "no spans without tracing");
    }
}
