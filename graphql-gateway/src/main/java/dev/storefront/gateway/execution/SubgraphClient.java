package dev.storefront.gateway.execution;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GraphQL requests to subgraphs over one shared JDK HTTP client, which keeps connections
 * alive and pools them per host. Each subgraph has its own timeout and circuit breaker; fetches
 * that are safe to repeat (queries, never mutations) are retried a bounded number of times when
 * the request never reached a healthy subgraph (connection failure, 502, 503).
 */
public final class SubgraphClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param retries          extra attempts for an idempotent fetch (0: none)
     * @param retryBackoff     pause before each retry
     * @param breakerFailures  consecutive failed fetches that open a subgraph's breaker (0: no breaker)
     * @param breakerOpen      how long an open breaker fails fetches fast before a trial fetch
     */
    public record Resilience(int retries, Duration retryBackoff, int breakerFailures, Duration breakerOpen) {
        public static Resilience defaults() {
            return new Resilience(1, Duration.ofMillis(50), 5, Duration.ofSeconds(10));
        }
    }

    private final HttpClient http;
    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts;
    private final Resilience resilience;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failureCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> retryCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> shortCircuitCounts = new ConcurrentHashMap<>();

    public SubgraphClient(Duration defaultTimeout, Map<String, Duration> timeouts) {
        this(defaultTimeout, timeouts, Resilience.defaults());
    }

    public SubgraphClient(Duration defaultTimeout, Map<String, Duration> timeouts, Resilience resilience) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(defaultTimeout).build();
        this.defaultTimeout = defaultTimeout;
        this.timeouts = Map.copyOf(timeouts);
        this.resilience = resilience;
    }

    /** A failed subgraph call: transport error, timeout, non-2xx status, a body that is not GraphQL JSON, or an open breaker. */
    public static final class SubgraphException extends Exception {
        private final String code;

        SubgraphException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A failed attempt, and whether it may be repeated. */
    private static final class AttemptFailure extends Exception {
        final SubgraphException failure;
        final boolean retryable;
        final boolean subgraphUnhealthy;

        AttemptFailure(SubgraphException failure, boolean retryable, boolean subgraphUnhealthy) {
            super(null, null, false, false);
            this.failure = failure;
            this.retryable = retryable;
            this.subgraphUnhealthy = subgraphUnhealthy;
        }
    }

    /**
     * Posts the operation and returns the decoded GraphQL response ({@code data}, {@code errors}).
     *
     * @param idempotent the operation is a query: it may be sent again after a failed attempt
     */
    public Map<String, Object> post(String subgraph, String url, String query, Map<String, Object> variables,
                                    Map<String, String> headers, boolean idempotent) throws SubgraphException {
        CircuitBreaker breaker = breaker(subgraph);
        if (!breaker.tryAcquire()) {
            shortCircuitCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
            throw new SubgraphException("SUBGRAPH_CIRCUIT_OPEN", "Subgraph '" + subgraph + "' is unavailable: its circuit "
                    + "breaker opened after " + resilience.breakerFailures() + " consecutive failed requests; next trial in "
                    + breaker.millisUntilTrial() + " ms", null);
        }
        int attemptsLeft = idempotent ? 1 + Math.max(0, resilience.retries()) : 1;
        while (true) {
            attemptsLeft--;
            try {
                Map<String, Object> response = attempt(subgraph, url, query, variables, headers);
                breaker.success();
                return response;
            } catch (AttemptFailure e) {
                if (!e.retryable || attemptsLeft == 0) {
                    failureCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
                    if (e.subgraphUnhealthy) {
                        breaker.failure();
                    } else {
                        breaker.success(); // the subgraph answered: our request was the problem, not its health
                    }
                    throw e.failure;
                }
                retryCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
                if (!pause(resilience.retryBackoff())) {
                    breaker.failure();
                    throw e.failure;
                }
            }
        }
    }

    private static boolean pause(Duration backoff) {
        try {
            Thread.sleep(backoff);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> attempt(String subgraph, String url, String query, Map<String, Object> variables,
                                        Map<String, String> headers) throws AttemptFailure {
        requestCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (!variables.isEmpty()) {
            body.put("variables", variables);
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeouts.getOrDefault(subgraph, defaultTimeout))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/graphql-response+json, application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            headers.forEach(request::header);
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, Object> decoded = null;
            try {
                decoded = JSON.readValue(response.body(), Map.class);
            } catch (IOException notJson) {
                // reported below with the status
            }
            int status = response.statusCode();
            boolean graphqlBody = decoded != null && (decoded.containsKey("data") || decoded.containsKey("errors"));
            if (status / 100 != 2 && !graphqlBody || decoded == null) {
                throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR",
                        "HTTP fetch failed from '" + subgraph + "': " + status
                                + (graphqlBody ? "" : " (response is not a GraphQL result)"), null),
                        status == 502 || status == 503, status >= 500);
            }
            return decoded;
        } catch (java.net.http.HttpTimeoutException e) {
            // the subgraph may still be working on it: repeating would double the wait and the load
            boolean connect = e instanceof java.net.http.HttpConnectTimeoutException;
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_TIMEOUT", "Subgraph '" + subgraph
                    + "' did not answer within " + timeouts.getOrDefault(subgraph, defaultTimeout).toMillis() + " ms", e),
                    connect, true);
        } catch (IOException e) {
            // refused or reset connections (also a pooled keep-alive connection the subgraph had closed)
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "HTTP fetch failed from '" + subgraph
                    + "': " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e), true, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "Request to '" + subgraph
                    + "' was interrupted", e), false, false);
        } catch (IllegalArgumentException e) {
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "Invalid URL for subgraph '"
                    + subgraph + "': " + url, e), false, true);
        }
    }

    private CircuitBreaker breaker(String subgraph) {
        return breakers.computeIfAbsent(subgraph, s -> new CircuitBreaker(resilience.breakerFailures(), resilience.breakerOpen()));
    }

    /** Breaker state per subgraph that has been called. */
    public Map<String, CircuitBreaker.State> breakerStates() {
        Map<String, CircuitBreaker.State> states = new LinkedHashMap<>();
        breakers.forEach((name, breaker) -> states.put(name, breaker.state()));
        return states;
    }

    public Map<String, AtomicLong> requestCounts() {
        return requestCounts;
    }

    public Map<String, AtomicLong> failureCounts() {
        return failureCounts;
    }

    public Map<String, AtomicLong> retryCounts() {
        return retryCounts;
    }

    public Map<String, AtomicLong> shortCircuitCounts() {
        return shortCircuitCounts;
    }
}
