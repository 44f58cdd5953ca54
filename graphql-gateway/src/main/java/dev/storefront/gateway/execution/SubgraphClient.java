package dev.storefront.gateway.execution;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GraphQL requests to subgraphs over one shared Helidon HTTP/1.1 client: blocking calls on
 * the request's own virtual thread (no selector thread or executor hand-off per request), a
 * keep-alive connection pool per subgraph large enough for the gateway's concurrency, and
 * {@code TCP_NODELAY} so that a request written as head and body is never held back by Nagle's
 * algorithm waiting for the subgraph's delayed ACK (the JDK client wrote them as two segments:
 * ~10-40 ms stalls on loopback). A subgraph's timeout is the longest wait for its answer (socket
 * read timeout). Each subgraph has its own timeout and circuit breaker; fetches
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

    /** Idle keep-alive connections kept per subgraph; more concurrent fetches open (and then close) extra ones. */
    static final int CONNECTIONS_PER_SUBGRAPH = 512;
    private static final Header CONTENT_TYPE = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    private static final Header ACCEPT = HeaderValues.createCached(HeaderNames.ACCEPT,
            "application/graphql-response+json, application/json");
    private static final Map<String, HeaderName> HEADER_NAMES = new ConcurrentHashMap<>();

    private final Http1Client http;
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
        this.http = Http1Client.builder()
                .socketOptions(o -> o.tcpNoDelay(true).connectTimeout(defaultTimeout).readTimeout(defaultTimeout))
                .connectTimeout(defaultTimeout)
                .readTimeout(defaultTimeout)
                .shareConnectionCache(false)
                .connectionCacheSize(CONNECTIONS_PER_SUBGRAPH)
                .followRedirects(false)
                .servicesDiscoverServices(false)
                .build();
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
        Duration timeout = timeouts.getOrDefault(subgraph, defaultTimeout);
        Http1ClientRequest request;
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
            request = http.post(url).readTimeout(timeout).header(CONTENT_TYPE).header(ACCEPT);
        } catch (IOException | RuntimeException e) {
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "Invalid URL for subgraph '"
                    + subgraph + "': " + url, e), false, true);
        }
        headers.forEach((name, value) -> request.header(HEADER_NAMES.computeIfAbsent(name, HeaderNames::create), value));
        int status;
        byte[] bytes;
        try (Http1ClientResponse response = request.submit(payload); InputStream in = response.inputStream()) {
            status = response.status().code();
            bytes = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "Request to '" + subgraph
                        + "' was interrupted", e), false, false);
            }
            SocketTimeoutException timedOut = cause(e, SocketTimeoutException.class);
            if (timedOut != null && cause(e, ConnectException.class) == null
                    && !String.valueOf(timedOut.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect")) {
                // the subgraph may still be working on it: repeating would double the wait and the load
                throw new AttemptFailure(new SubgraphException("SUBREQUEST_TIMEOUT", "Subgraph '" + subgraph
                        + "' did not answer within " + timeout.toMillis() + " ms", e), false, true);
            }
            // refused, reset or timed-out connections (also a pooled keep-alive connection the subgraph had closed)
            Throwable reason = cause(e, IOException.class) == null ? e : cause(e, IOException.class);
            if (reason instanceof UncheckedIOException && reason.getCause() != null) {
                reason = reason.getCause();
            }
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "HTTP fetch failed from '" + subgraph
                    + "': " + (e.getMessage() == null ? reason.getClass().getSimpleName() : e.getMessage()), e), true, true);
        }
        Map<String, Object> decoded = null;
        try {
            decoded = JSON.readValue(bytes, Map.class);
        } catch (IOException notJson) {
            // reported below with the status
        }
        boolean graphqlBody = decoded != null && (decoded.containsKey("data") || decoded.containsKey("errors"));
        if (status / 100 != 2 && !graphqlBody || decoded == null) {
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR",
                    "HTTP fetch failed from '" + subgraph + "': " + status
                            + (graphqlBody ? "" : " (response is not a GraphQL result)"), null),
                    status == 502 || status == 503, status >= 500);
        }
        return decoded;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
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
