package dev.storefront.gateway.http;

import dev.storefront.gateway.Gateway;
import dev.storefront.gateway.security.BearerTokenVerifier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Request counters, rendered in the Prometheus text format together with plan cache and subgraph counters. */
public final class GatewayMetrics {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong requestErrors = new AtomicLong();
    final AtomicLong responsesWithErrors = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();
    private final Map<String, AtomicLong> rejections = new ConcurrentHashMap<>();

    /** A request refused before execution by an admission rule (csrf, unauthenticated, payload_too_large, ...). */
    void rejected(String reason) {
        rejections.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** @param tokens the bearer token check, or null when tokens are not checked */
    String prometheus(Gateway gateway, BearerTokenVerifier tokens) {
        StringBuilder out = new StringBuilder();
        counter(out, "gateway_requests_total", "GraphQL requests received", requests.get());
        counter(out, "gateway_request_errors_total", "Requests rejected before execution (syntax, validation, variables)", requestErrors.get());
        counter(out, "gateway_responses_with_errors_total", "Executed requests whose response carries errors", responsesWithErrors.get());
        counter(out, "gateway_request_seconds_sum", "Total time spent answering GraphQL requests", nanos.get() / 1e9);
        counter(out, "gateway_plan_cache_hits_total", "Query plans served from the cache", gateway.planCache().hits());
        counter(out, "gateway_plan_cache_misses_total", "Query plans computed", gateway.planCache().misses());
        out.append("# HELP gateway_plan_cache_size Plans in the cache\n# TYPE gateway_plan_cache_size gauge\n")
                .append("gateway_plan_cache_size ").append(gateway.planCache().size()).append('\n');
        counter(out, "gateway_operation_cache_hits_total", "Operation texts found parsed and validated", gateway.operationCacheStats().hitCount());
        counter(out, "gateway_operation_cache_misses_total", "Operation texts parsed", gateway.operationCacheStats().missCount());
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
        out.append("# HELP gateway_subgraph_deduplicated_total Query fetches that shared an identical request already in flight\n# TYPE gateway_subgraph_deduplicated_total counter\n");
        gateway.client().deduplicatedCounts().forEach((name, count) ->
                out.append("gateway_subgraph_deduplicated_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_short_circuits_total Fetches failed fast by an open circuit breaker\n# TYPE gateway_subgraph_short_circuits_total counter\n");
        gateway.client().shortCircuitCounts().forEach((name, count) ->
                out.append("gateway_subgraph_short_circuits_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_circuit_state Circuit breaker state (0 closed, 1 open, 2 half-open)\n# TYPE gateway_subgraph_circuit_state gauge\n");
        gateway.client().breakerStates().forEach((name, state) ->
                out.append("gateway_subgraph_circuit_state{subgraph=\"").append(name).append("\"} ").append(state.ordinal()).append('\n'));
        out.append("# HELP gateway_requests_rejected_total Requests refused before execution, by rule\n# TYPE gateway_requests_rejected_total counter\n");
        rejections.forEach((reason, count) ->
                out.append("gateway_requests_rejected_total{reason=\"").append(reason).append("\"} ").append(count.get()).append('\n'));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, Number value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
