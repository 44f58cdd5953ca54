package dev.storefront.gateway.http;

import dev.storefront.gateway.Gateway;

import java.util.concurrent.atomic.AtomicLong;

/** Request counters, rendered in the Prometheus text format together with plan cache and subgraph counters. */
public final class GatewayMetrics {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong requestErrors = new AtomicLong();
    final AtomicLong responsesWithErrors = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();

    String prometheus(Gateway gateway) {
        StringBuilder out = new StringBuilder();
        counter(out, "gateway_requests_total", "GraphQL requests received", requests.get());
        counter(out, "gateway_request_errors_total", "Requests rejected before execution (syntax, validation, variables)", requestErrors.get());
        counter(out, "gateway_responses_with_errors_total", "Executed requests whose response carries errors", responsesWithErrors.get());
        counter(out, "gateway_request_seconds_sum", "Total time spent answering GraphQL requests", nanos.get() / 1e9);
        counter(out, "gateway_plan_cache_hits_total", "Query plans served from the cache", gateway.planCache().hits());
        counter(out, "gateway_plan_cache_misses_total", "Query plans computed", gateway.planCache().misses());
        out.append("# HELP gateway_plan_cache_size Plans in the cache\n# TYPE gateway_plan_cache_size gauge\n")
                .append("gateway_plan_cache_size ").append(gateway.planCache().size()).append('\n');
        out.append("# HELP gateway_subgraph_requests_total Requests sent to each subgraph\n# TYPE gateway_subgraph_requests_total counter\n");
        gateway.client().requestCounts().forEach((name, count) ->
                out.append("gateway_subgraph_requests_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        out.append("# HELP gateway_subgraph_failures_total Failed subgraph requests (transport, timeout, HTTP status)\n# TYPE gateway_subgraph_failures_total counter\n");
        gateway.client().failureCounts().forEach((name, count) ->
                out.append("gateway_subgraph_failures_total{subgraph=\"").append(name).append("\"} ").append(count.get()).append('\n'));
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, Number value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(value).append('\n');
    }
}
