package dev.storefront.subgraph.tracing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.helidon.common.config.Config;
import io.helidon.tracing.Tracer;
import io.helidon.tracing.TracerBuilder;
import io.helidon.tracing.providers.opentelemetry.HelidonOpenTelemetry;
import io.helidon.tracing.providers.opentelemetry.OpenTelemetryTracerProvider;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
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
import io.opentelemetry.semconv.resource.attributes.ResourceAttributes;

/**
 * Builds the service's tracer from the {@code tracing} config node, with the keys of Helidon's
 * Jaeger provider so its documentation applies: {@code enabled}, {@code service},
 * {@code protocol}/{@code host}/{@code port}/{@code path} of the collector (Jaeger gRPC, port 14250),
 * {@code sampler-type} ({@code const} or {@code ratio}) with {@code sampler-param}, {@code tags.*},
 * {@code global}, and the batch exporter's {@code schedule-delay}, {@code exporter-timeout},
 * {@code max-queue-size}, {@code max-export-batch-size}.
 * <p>
 * Two differences from Helidon's: propagation is always W3C trace context plus W3C baggage (and
 * Jaeger's header, for callers that only speak that), and
 * the sampler respects the caller's decision (parent-based), so the gateway decides once per
 * trace and no subgraph cuts a sampled trace into pieces.
 */
public final class W3cJaegerTracerBuilder implements TracerBuilder<W3cJaegerTracerBuilder> {

    private static final System.Logger LOGGER = System.getLogger(W3cJaegerTracerBuilder.class.getName());

    private final Map<String, String> tags = new LinkedHashMap<>();
    private String serviceName;
    private String protocol = "http";
    private String host = "localhost";
    private int port = 14250;
    private String path = "";
    private boolean enabled = true;
    private boolean global = true;
    private String samplerType = "const";
    private double samplerParam = 1;
    private Duration scheduleDelay = Duration.ofSeconds(5);
    private Duration exporterTimeout = Duration.ofSeconds(10);
    private int maxQueueSize = 2048;
    private int maxExportBatchSize = 512;

    W3cJaegerTracerBuilder() {
    }

    @Override
    public W3cJaegerTracerBuilder serviceName(String name) {
        this.serviceName = name;
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder collectorProtocol(String protocol) {
        this.protocol = protocol;
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder collectorPort(int port) {
        this.port = port;
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder collectorHost(String host) {
        this.host = host;
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder collectorPath(String path) {
        this.path = path;
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder addTracerTag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder addTracerTag(String key, Number value) {
        tags.put(key, String.valueOf(value));
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder addTracerTag(String key, boolean value) {
        tags.put(key, String.valueOf(value));
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder config(Config config) {
        config.get("enabled").asBoolean().ifPresent(this::enabled);
        config.get("service").asString().ifPresent(this::serviceName);
        config.get("protocol").asString().ifPresent(this::collectorProtocol);
        config.get("host").asString().ifPresent(this::collectorHost);
        config.get("port").asInt().ifPresent(this::collectorPort);
        config.get("path").asString().ifPresent(this::collectorPath);
        config.get("sampler-type").asString().ifPresent(type -> samplerType = type);
        config.get("sampler-param").asDouble().ifPresent(param -> samplerParam = param);
        config.get("global").asBoolean().ifPresent(this::registerGlobal);
        config.get("schedule-delay").as(Duration.class).ifPresent(delay -> scheduleDelay = delay);
        config.get("exporter-timeout").as(Duration.class).ifPresent(timeout -> exporterTimeout = timeout);
        config.get("max-queue-size").asInt().ifPresent(size -> maxQueueSize = size);
        config.get("max-export-batch-size").asInt().ifPresent(size -> maxExportBatchSize = size);
        config.get("tags").detach().asMap().ifPresent(tags::putAll);
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder enabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    @Override
    public W3cJaegerTracerBuilder registerGlobal(boolean global) {
        this.global = global;
        return this;
    }

    @Override
    public <B> B unwrap(Class<B> builderClass) {
        if (builderClass.isInstance(this)) {
            return builderClass.cast(this);
        }
        throw new IllegalArgumentException("This builder is a " + getClass().getName() + ", not a " + builderClass.getName());
    }

    @Override
    public Tracer build() {
        if (!enabled) {
            LOGGER.log(Level.INFO, "Tracing is disabled (tracing.enabled=false)");
            Tracer noOp = Tracer.noOp();
            if (global) {
                OpenTelemetryTracerProvider.globalTracer(noOp);
            }
            return noOp;
        }
        Objects.requireNonNull(serviceName, "tracing.service must name the service");
        JaegerGrpcSpanExporter exporter = JaegerGrpcSpanExporter.builder()
                .setEndpoint(protocol + "://" + host + ":" + port + path)
                .setTimeout(exporterTimeout)
                .build();
        AttributesBuilder resource = Attributes.builder().put(ResourceAttributes.SERVICE_NAME, serviceName);
        tags.forEach(resource::put);
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
                .setSampler(Sampler.parentBased(rootSampler()))
                .setResource(Resource.create(resource.build()))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter)
                        .setScheduleDelay(scheduleDelay)
                        .setExporterTimeout(exporterTimeout)
                        .setMaxQueueSize(maxQueueSize)
                        .setMaxExportBatchSize(maxExportBatchSize)
                        .build())
                .build();
        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(TextMapPropagator.composite(
                        W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance(),
                        // also read and write Jaeger's uber-trace-id: a caller on Helidon's stock Jaeger
                        // provider (default propagation) still joins the same trace
                        JaegerPropagator.getInstance())))
                .build();
        // flush spans still queued when the service stops
        Runtime.getRuntime().addShutdownHook(new Thread(tracerProvider::close, "tracing-shutdown"));
        Tracer tracer = HelidonOpenTelemetry.create(openTelemetry, openTelemetry.getTracer(serviceName), Map.of());
        if (global) {
            try {
                // MP tracing's OpenTracing shim reads the global OpenTelemetry
                GlobalOpenTelemetry.set(openTelemetry);
            } catch (IllegalStateException alreadySet) {
                // a second container in the same JVM (tests): the first registration stays
                LOGGER.log(Level.DEBUG, "GlobalOpenTelemetry already set; keeping the first one");
            }
            OpenTelemetryTracerProvider.globalTracer(tracer);
        }
        LOGGER.log(Level.INFO, () -> "Tracing '" + serviceName + "' to Jaeger collector " + protocol + "://" + host + ":"
                + port + path + " (W3C trace context, sampler " + samplerType + " " + samplerParam + ")");
        return tracer;
    }

    private Sampler rootSampler() {
        return switch (samplerType) {
            case "const" -> samplerParam >= 1 ? Sampler.alwaysOn() : Sampler.alwaysOff();
            case "ratio" -> Sampler.traceIdRatioBased(samplerParam);
            default -> throw new IllegalArgumentException("tracing.sampler-type must be const or ratio, not " + samplerType);
        };
    }
}
