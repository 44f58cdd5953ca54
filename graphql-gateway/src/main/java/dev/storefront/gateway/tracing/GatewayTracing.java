package dev.storefront.gateway.tracing;

import io.helidon.tracing.HeaderConsumer;
import io.helidon.tracing.HeaderProvider;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.tracing.Tracer;
import io.helidon.tracing.providers.opentelemetry.HelidonOpenTelemetry;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.tracing.TracingObserver;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.jaeger.JaegerGrpcSpanExporter;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's spans: a server span per HTTP request (Helidon's tracing observer) and a client
 * span {@code fetch <subgraph>} per subgraph request, whose context goes out as W3C
 * {@code traceparent} (and Jaeger {@code uber-trace-id}, which Helidon's Jaeger provider
 * propagates by default in the services).
 * <p>
 * The tracer is assembled from the parts {@code helidon-tracing-providers-jaeger} brings (OTel SDK,
 * Jaeger gRPC exporter, Helidon's OTel bridge) instead of its {@code JaegerTracerBuilder}: in
 * 4.1.2 that builder maps the {@code W3C} propagation format to the W3C <em>baggage</em>
 * propagator only, so it neither reads nor writes {@code traceparent}.
 * <p>
 * Disabled, there is no tracer at all: no observer on the server, no span objects, no header work.
 */
public final class GatewayTracing implements AutoCloseable {
    /**
     * @param enabled       whether spans are recorded and exported
     * @param serviceName   service name in Jaeger
     * @param collectorHost Jaeger collector host (gRPC)
     * @param collectorPort Jaeger collector gRPC port, normally 14250
     * @param sampleRatio   share of new traces recorded (1 = all); requests that arrive sampled stay sampled
     */
    public record Settings(boolean enabled, String serviceName, String collectorHost, int collectorPort, double sampleRatio) {
    }

    private static final GatewayTracing DISABLED = new GatewayTracing(null, null);

    private final Tracer tracer;
    private final OpenTelemetrySdk sdk;

    private GatewayTracing(Tracer tracer, OpenTelemetrySdk sdk) {
        this.tracer = tracer;
        this.sdk = sdk;
    }

    public static GatewayTracing disabled() {
        return DISABLED;
    }

    public static GatewayTracing create(Settings settings) {
        if (!settings.enabled()) {
            return DISABLED;
        }
        JaegerGrpcSpanExporter exporter = JaegerGrpcSpanExporter.builder()
                .setEndpoint("http://" + settings.collectorHost() + ":" + settings.collectorPort())
                .build();
        Sampler sampler = Sampler.parentBased(settings.sampleRatio() >= 1.0 ? Sampler.alwaysOn()
                : Sampler.traceIdRatioBased(settings.sampleRatio()));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(sampler)
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), settings.serviceName()))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(), JaegerPropagator.getInstance(),
                        W3CBaggagePropagator.getInstance())))
                .build();
        Tracer tracer = HelidonOpenTelemetry.create(sdk, sdk.getTracer(settings.serviceName()), Map.of());
        return new GatewayTracing(tracer, sdk);
    }

    public boolean enabled() {
        return tracer != null;
    }

    /** The Helidon tracer; only when {@link #enabled()}. */
    public Tracer tracer() {
        return tracer;
    }

    /** The server feature that opens a span per request, continuing the caller's trace; empty when disabled. */
    public Optional<ObserveFeature> serverFeature() {
        return enabled() ? Optional.of(ObserveFeature.just(TracingObserver.create(tracer))) : Optional.empty();
    }

    /** A client span for one subgraph fetch, child of the request's server span. */
    public Span startFetch(SpanContext parent, String subgraph, String operationName, String operationType,
                           int representations) {
        var builder = tracer.spanBuilder("fetch " + subgraph).kind(Span.Kind.CLIENT)
                .tag("subgraph", subgraph)
                .tag("graphql.operation.type", operationType)
                .tag("graphql.operation.name", operationName == null ? "" : operationName)
                .tag("representations", representations);
        if (parent != null) {
            builder.parent(parent);
        }
        return builder.start();
    }

    /** The forwarded headers with the client span's trace context written over any the client sent. */
    public Map<String, String> inject(Span span, Map<String, String> headers) {
        Map<String, List<String>> propagated = new LinkedHashMap<>();
        tracer.inject(span.context(), HeaderProvider.empty(), HeaderConsumer.create(propagated));
        Map<String, String> result = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!propagated.containsKey(name.toLowerCase(java.util.Locale.ROOT)) && !propagated.containsKey(name)) {
                result.put(name, value);
            }
        });
        propagated.forEach((name, values) -> {
            if (!values.isEmpty()) {
                result.put(name, String.join(",", new ArrayList<>(values)));
            }
        });
        return result;
    }

    /** Exports what is still buffered. */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.getSdkTracerProvider().close();
        }
    }
}
