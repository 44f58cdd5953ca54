package dev.storefront.gateway;

import dev.storefront.gateway.execution.RequestDeadline;
import io.helidon.tracing.SpanContext;

import java.util.Map;
import java.util.Objects;

/**
 * One GraphQL request as the gateway runs it, with what the HTTP layer knows about it:
 * {@code ExecutionRequest.of(request).forwarding(headers).tracedBy(span).within(deadline)}.
 *
 * @param graphql        the request: query (or persisted query hash), operation name, variables
 * @param includePlan    answer the query plan in {@code extensions.queryPlan}
 * @param forwardHeaders client headers sent on to every subgraph (token, trace context)
 * @param requestSpan    the server span of this request, parent of the fetch spans; null without tracing
 * @param overGet        the request came as an HTTP GET: a mutation is answered 405 and not run (a GET
 *                       must be safe: links, prefetching and caches repeat it), also when it was sent
 *                       as a persisted query hash
 * @param deadline       the client request's deadline (one per HTTP request, shared by the entries of
 *                       a batch), or null for the gateway's default from now: every subgraph fetch
 *                       keeps to it and is told what is left of it
 */
public record ExecutionRequest(GraphQLRequest graphql, boolean includePlan, Map<String, String> forwardHeaders,
                               SpanContext requestSpan, boolean overGet, RequestDeadline deadline) {

    public ExecutionRequest {
        Objects.requireNonNull(graphql, "graphql");
        forwardHeaders = forwardHeaders == null ? Map.of() : forwardHeaders;
    }

    /** The request over POST, forwarding nothing, untraced, on the default deadline. */
    public static ExecutionRequest of(GraphQLRequest graphql) {
        return new ExecutionRequest(graphql, false, Map.of(), null, false, null);
    }

    public ExecutionRequest withPlan(boolean include) {
        return new ExecutionRequest(graphql, include, forwardHeaders, requestSpan, overGet, deadline);
    }

    public ExecutionRequest forwarding(Map<String, String> headers) {
        return new ExecutionRequest(graphql, includePlan, headers, requestSpan, overGet, deadline);
    }

    public ExecutionRequest tracedBy(SpanContext span) {
        return new ExecutionRequest(graphql, includePlan, forwardHeaders, span, overGet, deadline);
    }

    public ExecutionRequest overGet(boolean get) {
        return new ExecutionRequest(graphql, includePlan, forwardHeaders, requestSpan, get, deadline);
    }

    public ExecutionRequest within(RequestDeadline requestDeadline) {
        return new ExecutionRequest(graphql, includePlan, forwardHeaders, requestSpan, overGet, requestDeadline);
    }
}
