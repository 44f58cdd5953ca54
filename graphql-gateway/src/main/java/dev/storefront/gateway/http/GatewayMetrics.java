package dev.storefront.gateway.http;

import dev.storefront.gateway.Gateway;
import dev.storefront.gateway.security.BearerTokenVerifier;
import io.prometheus.client.Collector;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request counters and latency histograms, rendered in the Prometheus text format together with
 * plan cache and subgraph counters.
 */
public final class GatewayMetrics {
    private static final com.sun.management.OperatingSystemMXBean OPERATING_SYSTEM =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong requestErrors = new AtomicLong();
    final AtomicLong responsesWithErrors = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    // buckets around what a storefront page budgets per GraphQL request: sub-millisecond to seconds
    private final Histogram requestDurations = Histogram.build("gateway_request_duration_seconds",
                    "Time to answer an executed GraphQL request (HTTP request received to response written)")
            .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .create();
    private final Map<String, AtomicLong> rejections = new ConcurrentHashMap<>();

    GatewayMetrics() {
        // the first reading loads the management beans' native parts (hundreds of ms): at start, not on a scrape
        OPERATING_SYSTEM.getProcessCpuTime();
        THREADS.getTotalThreadAllocatedBytes();
    }

    /** A request refused before execution by an admission rule (csrf, unauthenticated, payload_too_large, ...). */
    void rejected(String reason) {
        rejections.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** An executed request was answered after {@code elapsedNanos}. */
    void answered(long elapsedNanos) {
        nanos.addAndGet(elapsedNanos);
        requestDurations.observe(elapsedNanos / 1e9);
    }

    /** @param tokens the bearer token check, or null when tokens are not checked */
    String prometheus(Gateway gateway, BearerTokenVerifier tokens) {
        StringBuilder out = new StringBuilder();
        counter(out, "gateway_requests_total", "GraphQL requests received", requests.get());
        counter(out, "gateway_request_errors_total", "Requests rejected before execution (syntax, validation, variables)", requestErrors.get());
        counter(out, "gateway_responses_with_errors_total", "Executed requests whose response carries errors", responsesWithErrors.get());
        counter(out, "gateway_request_seconds_sum", "Total time spent answering GraphQL requests", nanos.get() / 1e9);
        // what one operation costs the process: bench/ divides these by the requests it answered
        counter(out, "gateway_process_cpu_seconds_total", "CPU time used by the gateway process",
                OPERATING_SYSTEM.getProcessCpuTime() / 1e9);
        counter(out, "gateway_jvm_allocated_bytes_total", "Heap bytes allocated by all threads since the start",
                THREADS.getTotalThreadAllocatedBytes());
        counter(out, "gateway_plan_cache_hits_total", "Query plans served from the cache", gateway.planCache().hits());
        counter(out, "gateway_plan_cache_misses_total", "Query plans computed", gateway.planCache().misses());
        out.append("# HELP gateway_plan_cache_size Plans in the cache\n# TYPE gateway_plan_cache_size gauge\n")
                .append("gateway_plan_cache_size ").append(gateway.planCache().size()).append('\n');
        counter(out, "gateway_operation_cache_hits_total", "Operation texts found parsed and validated", gateway.operationCacheStats().hitCount());
        counter(out, "gateway_operation_cache_misses_total", "Operation texts parsed", gateway.operationCacheStats().missCount());
        counter(out, "gateway_apq_hits_total", "Persisted query hashes sent without the text and found", gateway.persistedQueries().hits());
        counter(out, "gateway_apq_misses_total", "Persisted query hashes sent without the text and not known (PersistedQueryNotFound)",
                gateway.persistedQueries().misses());
        counter(out, "gateway_apq_registered_total", "Persisted queries stored (hash checked, text parsed and validated)",
                gateway.persistedQueries().registered());
        if (tokens != null) {
            counter(out, "gateway_token_cache_hits_total", "Bearer tokens found already verified", tokens.cacheHits());
            counter(out, "gateway_token_cache_misses_total", "Bearer tokens checked (signature and claims)", tokens.cacheMisses());
        }
        out.append("# HELP gateway_subgraph_requests_total Requests sent to each subgraph\n# TYPE gateway_subgraph_requests_total counter\n");
        gateway.client().requestCounts().forEach((name, count) ->
                out.append("gateway_subgraph_requests_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_failures_total Failed subgraph requests (transport, timeout, HTTP status)\n# TYPE gateway_subgraph_failures_total counter\n");
        gateway.client().failureCounts().forEach((name, count) ->
                out.append("gateway_subgraph_failures_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_retries_total Repeated subgraph requests (idempotent fetches after a connection failure, 502 or 503)\n# TYPE gateway_subgraph_retries_total counter\n");
        gateway.client().retryCounts().forEach((name, count) ->
                out.append("gateway_subgraph_retries_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        counter(out, "gateway_shared_executions_total", "Queries answered by an identical query's execution already in flight",
                gateway.sharedExecutions());
        out.append("# HELP gateway_subgraph_deduplicated_total Query fetches that shared an identical request already in flight\n# TYPE gateway_subgraph_deduplicated_total counter\n");
        gateway.client().deduplicatedCounts().forEach((name, count) ->
                out.append("gateway_subgraph_deduplicated_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_deadline_exceeded_total Fetches cut short, or not sent, because the client request's deadline had passed\n# TYPE gateway_subgraph_deadline_exceeded_total counter\n");
        gateway.client().deadlineCounts().forEach((name, count) ->
                out.append("gateway_subgraph_deadline_exceeded_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_short_circuits_total Fetches failed fast by an open circuit breaker\n# TYPE gateway_subgraph_short_circuits_total counter\n");
        gateway.client().shortCircuitCounts().forEach((name, count) ->
                out.append("gateway_subgraph_short_circuits_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_circuit_state Circuit breaker state (0 closed, 1 open, 2 half-open)\n# TYPE gateway_subgraph_circuit_state gauge\n");
        gateway.client().breakerStates().forEach((name, state) ->
                out.append("gateway_subgraph_circuit_state{subgraph=\"").append(name).append("\"} ").append(state.ordinal()).append('\n'));
        out.append("# HELP gateway_requests_rejected_total Requests refused before execution, by rule\n# TYPE gateway_requests_rejected_total counter\n");
        rejections.forEach((reason, count) ->
                out.append("gateway_requests_rejected_total{reason=\"").append(reason).append("\"} ").append(count.get()).append('\n'));
        List<Collector.MetricFamilySamples> histograms = new ArrayList<>(requestDurations.collect());
        histograms.addAll(gateway.client().attemptDurations().collect());
        StringWriter text = new StringWriter();
        try {
            TextFormat.write004(text, Collections.enumeration(histograms));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.append(text).toString();
    }

    private static void counter(StringBuilder out, String name, String help, Number value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
