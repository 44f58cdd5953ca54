package dev.storefront.gateway.execution;

import dev.storefront.gateway.json.Json;
import dev.storefront.gateway.json.JsonObject;
import io.prometheus.client.Histogram;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends GraphQL requests to subgraphs over {@link Http1Transport}: blocking HTTP/1.1 on the
 * request's own virtual thread, keep-alive connections pooled per subgraph, each request one
 * {@code TCP_NODELAY} segment. Each subgraph has its own timeout (for the whole exchange) and
 * circuit breaker; fetches that are safe to repeat (queries, never mutations) are retried a
 * bounded number of times when the request never reached a healthy subgraph (connection failure,
 * 502, 503).
 * <p>
 * Every fetch belongs to a client request's {@link RequestDeadline}: it waits at most for the
 * subgraph's own timeout or what is left of the request's deadline, whichever is shorter, and
 * sends that time to the subgraph as {@value RequestDeadline#HEADER} so that the subgraph can
 * finish (or give up) before the gateway stops waiting. A fetch for which no time is left is
 * not sent; retries happen only while there is time for them.
 */
public final class SubgraphClient {
    /**
     * @param retries          extra attempts for an idempotent fetch (0: none)
     * @param retryBackoff     pause before each retry
     * @param breakerFailures  consecutive failed fetches that open a subgraph's breaker (0: no breaker)
     * @param breakerOpen      how long an open breaker fails fetches fast before a trial fetch
     * @param deduplicate      identical query fetches in flight at the same time (same subgraph, body and
     *                         forwarded headers) share one subgraph request and its answer
     * @param requestTimeout   the whole time one client request may take, every fetch of it included
     *                         (its {@link RequestDeadline}); each fetch also keeps to its subgraph's timeout
     */
    public record Resilience(int retries, Duration retryBackoff, int breakerFailures, Duration breakerOpen,
                             boolean deduplicate, Duration requestTimeout) {
        /** The default time a client request may take ({@code GATEWAY_REQUEST_TIMEOUT_MS}). */
        public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

        public Resilience(int retries, Duration retryBackoff, int breakerFailures, Duration breakerOpen) {
            this(retries, retryBackoff, breakerFailures, breakerOpen, true);
        }

        public Resilience(int retries, Duration retryBackoff, int breakerFailures, Duration breakerOpen,
                          boolean deduplicate) {
            this(retries, retryBackoff, breakerFailures, breakerOpen, deduplicate, DEFAULT_REQUEST_TIMEOUT);
        }

        public static Resilience defaults() {
            return new Resilience(1, Duration.ofMillis(50), 5, Duration.ofSeconds(10));
        }

        /** The same settings with another request timeout. */
        public Resilience withRequestTimeout(Duration timeout) {
            return new Resilience(retries, retryBackoff, breakerFailures, breakerOpen, deduplicate, timeout);
        }
    }

    private static final byte[] FIXED_HEADERS = ("Content-Type: application/json\r\n"
            + "Accept: application/graphql-response+json, application/json\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Http1Transport http = new Http1Transport();
    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts;
    private final Resilience resilience;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failureCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> retryCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> shortCircuitCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deduplicatedCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadlineCounts = new ConcurrentHashMap<>();
    /**
     * Time of each request sent (every attempt, retries included; deduplicated fetches send none),
     * from the first byte written to the decoded answer, by subgraph and outcome.
     */
    private final Histogram attemptDurations = Histogram.build("gateway_subgraph_request_duration_seconds",
                    "Subgraph request time, each attempt, until the answer is decoded")
            .labelNames("subgraph", "outcome")
            .buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .create();
    /** Query fetches in flight by subgraph, forwarded headers and body: later identical ones wait for the first. */
    private final Map<FetchKey, InFlight> inFlight = new ConcurrentHashMap<>();
    /** Each caller's last mutation: no query of theirs shares a fetch begun before it finished. */
    private final CallerWrites writes = new CallerWrites();

    public SubgraphClient(Duration defaultTimeout, Map<String, Duration> timeouts) {
        this(defaultTimeout, timeouts, Resilience.defaults());
    }

    public SubgraphClient(Duration defaultTimeout, Map<String, Duration> timeouts, Resilience resilience) {
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

    /** What a failed attempt says about the subgraph's health, for its circuit breaker. */
    private enum Health {
        /** the subgraph is not well (unreachable, 5xx, a query it did not answer in time) */
        UNHEALTHY,
        /** the subgraph answered: our request was the problem */
        HEALTHY,
        /** nothing either way: a mutation the gateway stopped waiting for when its deadline passed */
        UNKNOWN
    }

    /** A failed attempt, and whether it may be repeated. */
    private static final class AttemptFailure extends Exception {
        final SubgraphException failure;
        final boolean retryable;
        final Health health;

        AttemptFailure(SubgraphException failure, boolean retryable, boolean subgraphUnhealthy) {
            this(failure, retryable, subgraphUnhealthy ? Health.UNHEALTHY : Health.HEALTHY);
        }

        AttemptFailure(SubgraphException failure, boolean retryable, Health health) {
            super(null, null, false, false);
            this.failure = failure;
            this.retryable = retryable;
            this.health = health;
        }
    }

    /** A new request's deadline: the configured request timeout, or less when the client asks for less. */
    public RequestDeadline startDeadline(String clientHeader) {
        return RequestDeadline.start(resilience.requestTimeout(), clientHeader);
    }

    /** The request timeout every client request gets at most. */
    public Duration requestTimeout() {
        return resilience.requestTimeout();
    }

    /**
     * Posts the operation and returns the decoded GraphQL response ({@code data}, {@code errors}).
     *
     * @param idempotent the operation is a query: it may be sent again after a failed attempt
     */
    public Map<String, Object> post(String subgraph, String url, String query, Map<String, Object> variables,
                                    Map<String, String> headers, boolean idempotent) throws SubgraphException {
        return post(subgraph, url, query, variables, headers, idempotent, startDeadline(null));
    }

    /**
     * Posts the operation within the request's deadline and returns the decoded GraphQL response.
     *
     * @param idempotent the operation is a query: it may be sent again after a failed attempt
     * @param deadline   the client request's deadline: the fetch waits no longer, and is not sent
     *                   when nothing is left of it
     */
    public Map<String, Object> post(String subgraph, String url, String query, Map<String, Object> variables,
                                    Map<String, String> headers, boolean idempotent, RequestDeadline deadline)
            throws SubgraphException {
        JsonObject body = new JsonObject(2);
        body.put("query", query);
        if (!variables.isEmpty()) {
            body.put("variables", variables);
        }
        byte[] payload;
        try {
            payload = Json.bytes(body);
        } catch (IOException e) {
            throw new SubgraphException("SUBREQUEST_HTTP_ERROR", "Could not encode the request to '" + subgraph + "': "
                    + e.getMessage(), e);
        }
        if (!idempotent) {
            try {
                return send(subgraph, url, payload, headers, false, deadline).decoded();
            } finally {
                // done or failed, it may have written: the caller's later queries share no work begun before now
                writes.finished(headers);
            }
        }
        if (!resilience.deduplicate()) {
            return send(subgraph, url, payload, headers, true, deadline).decoded();
        }
        // like Hive Gateway's and Apollo Router's subgraph query deduplication: the answer is the same
        // for every caller with the same request (the forwarded headers, e.g. the token, are part of it).
        // The callers share the answer's bytes; each decodes its own tree, which it then merges into
        // its response in place (a shared tree would be changed under the other callers).
        FetchKey key = new FetchKey(subgraph, url, headers, payload);
        InFlight mine = new InFlight(System.nanoTime(), new CompletableFuture<>());
        InFlight leader = inFlight.putIfAbsent(key, mine);
        if (leader != null && !writes.beganAfterLastWrite(headers, leader.startedNanos())) {
            // begun before this caller's last mutation finished: its answer may not show that write
            return send(subgraph, url, payload, headers, true, deadline).decoded();
        }
        if (leader != null) {
            deduplicatedCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
            Answer shared;
            try {
                // the shared request keeps to the first caller's deadline; this caller to its own
                shared = leader.answer().get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                deadlineCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
                throw new SubgraphException("SUBREQUEST_TIMEOUT", "Subgraph '" + subgraph + "' did not answer within "
                        + deadline.budgetMillis() + " ms (the request's deadline)", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SubgraphException failure) {
                    throw new SubgraphException(failure.code(), failure.getMessage(), failure);
                }
                throw new SubgraphException("SUBREQUEST_HTTP_ERROR", "HTTP fetch failed from '" + subgraph + "': "
                        + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SubgraphException("SUBREQUEST_HTTP_ERROR", "Request to '" + subgraph + "' was interrupted", e);
            }
            try {
                return decode(shared.bytes());
            } catch (IOException e) {
                // the leader decoded these very bytes
                throw new SubgraphException("SUBREQUEST_HTTP_ERROR", "HTTP fetch failed from '" + subgraph + "': " + e, e);
            }
        }
        try {
            Answer answer = send(subgraph, url, payload, headers, true, deadline);
            mine.answer().complete(answer);
            return answer.decoded();
        } catch (SubgraphException | RuntimeException e) {
            mine.answer().completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** A query fetch in flight, and when it began. */
    private record InFlight(long startedNanos, CompletableFuture<Answer> answer) {
    }

    /** A subgraph's answer: the body as received and the tree decoded from it (the receiving caller's own). */
    private record Answer(byte[] bytes, Map<String, Object> decoded) {
    }

    /** What makes two query fetches the same request: subgraph, URL, forwarded headers and body. */
    private static final class FetchKey {
        final String subgraph;
        final String url;
        final Map<String, String> headers;
        final byte[] payload;
        final int hash;

        FetchKey(String subgraph, String url, Map<String, String> headers, byte[] payload) {
            this.subgraph = subgraph;
            this.url = url;
            this.headers = headers;
            this.payload = payload;
            this.hash = (subgraph.hashCode() * 31 + url.hashCode()) * 31 + headers.hashCode() * 31 + Arrays.hashCode(payload);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FetchKey k && hash == k.hash && subgraph.equals(k.subgraph) && url.equals(k.url)
                    && Arrays.equals(payload, k.payload) && headers.equals(k.headers);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(byte[] bytes) throws IOException {
        if (Json.read(bytes) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IOException("not a JSON object");
    }

    private Answer send(String subgraph, String url, byte[] payload, Map<String, String> headers,
                        boolean idempotent, RequestDeadline deadline) throws SubgraphException {
        if (deadline.expired()) {
            // nothing sent, nothing learnt about the subgraph: its breaker is not involved
            deadlineCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
            throw new SubgraphException("SUBREQUEST_TIMEOUT", "Not sent to subgraph '" + subgraph + "': the request's "
                    + "deadline of " + deadline.budgetMillis() + " ms had passed", null);
        }
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
                Answer response = attempt(subgraph, url, payload, headers, idempotent, deadline);
                breaker.success();
                return response;
            } catch (AttemptFailure e) {
                // a retry needs its pause and some time to be answered in
                boolean timeForRetry = deadline.remainingMillis() > resilience.retryBackoff().toMillis() + 1;
                if (!e.retryable || attemptsLeft == 0 || !timeForRetry) {
                    failureCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
                    switch (e.health) {
                        case UNHEALTHY -> breaker.failure();
                        // the subgraph answered: our request was the problem, not its health
                        case HEALTHY -> breaker.success();
                        case UNKNOWN -> breaker.inconclusive();
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

    private Answer attempt(String subgraph, String url, byte[] payload, Map<String, String> headers,
                           boolean idempotent, RequestDeadline deadline) throws AttemptFailure {
        requestCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
        long start = System.nanoTime();
        String outcome = "error";
        try {
            Answer answer = exchange(subgraph, url, payload, headers, idempotent, deadline);
            outcome = "ok";
            return answer;
        } finally {
            attemptDurations.labels(subgraph, outcome).observe((System.nanoTime() - start) / 1e9);
        }
    }

    private Answer exchange(String subgraph, String url, byte[] payload, Map<String, String> headers,
                            boolean idempotent, RequestDeadline deadline) throws AttemptFailure {
        long subgraphTimeout = timeouts.getOrDefault(subgraph, defaultTimeout).toMillis();
        long left = deadline.remainingMillis();
        boolean byDeadline = left < subgraphTimeout;
        long timeout = Math.min(subgraphTimeout, left);
        String limit = timeout + " ms" + (byDeadline ? " (the request's deadline)" : "");
        if (timeout <= 0) {
            deadlineCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_TIMEOUT", "Not sent to subgraph '" + subgraph
                    + "': the request's deadline of " + deadline.budgetMillis() + " ms had passed", null), false, Health.UNKNOWN);
        }
        // the subgraph is told how long the gateway waits for this answer, so that it can finish in time
        Map<String, String> sent = new LinkedHashMap<>(headers);
        sent.put(RequestDeadline.HEADER, Long.toString(timeout));
        int status;
        byte[] bytes;
        try {
            Http1Transport.Response response = http.post(url, FIXED_HEADERS, sent, payload, timeout, idempotent);
            status = response.status();
            bytes = response.body();
        } catch (Http1Transport.ConnectTimeoutException e) {
            // nothing was sent: a subgraph that cannot be reached is unwell, unless it was a mutation
            // that had only the rest of the request's deadline to connect in
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_TIMEOUT", "Subgraph '" + subgraph
                    + "' did not answer within " + limit, e), !byDeadline,
                    byDeadline && !idempotent ? Health.UNKNOWN : Health.UNHEALTHY);
        } catch (SocketTimeoutException e) {
            if (byDeadline) {
                deadlineCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
            }
            // the subgraph may still be working on it: repeating would double the wait and the load.
            // A query that was not answered in time counts against the subgraph's health; a mutation
            // does not: it may be a long one (a checkout) that the subgraph finishes, having been
            // told the deadline, and the gateway merely stopped waiting for it.
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_TIMEOUT", "Subgraph '" + subgraph
                    + "' did not answer within " + limit, e), false, idempotent ? Health.UNHEALTHY : Health.UNKNOWN);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "Request to '" + subgraph
                        + "' was interrupted", e), false, false);
            }
            // refused or reset connections (also a pooled keep-alive connection the subgraph had closed)
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "HTTP fetch failed from '" + subgraph
                    + "': " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e), true, true);
        } catch (IllegalArgumentException e) {
            throw new AttemptFailure(new SubgraphException("SUBREQUEST_HTTP_ERROR", "Invalid URL for subgraph '"
                    + subgraph + "': " + url, e), false, true);
        }
        Map<String, Object> decoded = null;
        try {
            decoded = decode(bytes);
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
        return new Answer(bytes, decoded);
    }

    private CircuitBreaker breaker(String subgraph) {
        return breakers.computeIfAbsent(subgraph, s -> new CircuitBreaker(resilience.breakerFailures(), resilience.breakerOpen()));
    }

    /** When each caller's last mutation fetch finished (read-your-writes for shared work). */
    public CallerWrites writes() {
        return writes;
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

    /** Request time per subgraph and outcome ({@code ok}, {@code error}), for /metrics. */
    public Histogram attemptDurations() {
        return attemptDurations;
    }

    /** Fetches cut short, or not sent, because the client request's deadline had passed. */
    public Map<String, AtomicLong> deadlineCounts() {
        return deadlineCounts;
    }

    /** Query fetches answered by an identical request already in flight (no request of their own). */
    public Map<String, AtomicLong> deduplicatedCounts() {
        return deduplicatedCounts;
    }
}
