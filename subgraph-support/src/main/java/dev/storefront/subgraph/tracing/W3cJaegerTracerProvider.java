package dev.storefront.subgraph.tracing;

import java.util.Optional;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.tracing.Span;
import io.helidon.tracing.Tracer;
import io.helidon.tracing.providers.opentelemetry.OpenTelemetryTracerProvider;
import io.helidon.tracing.spi.TracerProvider;

/**
 * Replaces Helidon's Jaeger tracer provider (weighted above it, so Helidon's
 * {@code TracerBuilder.create(...)} and MP tracing pick this one) with one whose tracer
 * propagates W3C {@code traceparent}/{@code tracestate}: in Helidon 4.1.2 the Jaeger provider's
 * {@code propagation=w3c} installs only the W3C <em>baggage</em> propagator, so no trace context
 * would cross a process boundary in W3C form. Export is unchanged: Jaeger gRPC to a collector.
 */
@Weight(Weighted.DEFAULT_WEIGHT + 10)
public final class W3cJaegerTracerProvider implements TracerProvider {

    @Override
    public W3cJaegerTracerBuilder createBuilder() {
        return new W3cJaegerTracerBuilder();
    }

    @Override
    public Tracer global() {
        return OpenTelemetryTracerProvider.globalTracer();
    }

    @Override
    public void global(Tracer tracer) {
        OpenTelemetryTracerProvider.globalTracer(tracer);
    }

    @Override
    public Optional<Span> currentSpan() {
        return OpenTelemetryTracerProvider.activeSpan();
    }

    @Override
    public boolean available() {
        return true;
    }
}
