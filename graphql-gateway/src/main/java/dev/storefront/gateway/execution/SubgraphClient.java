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
 * alive and pools them per host. Each subgraph has its own timeout.
 */
public final class SubgraphClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts;
    private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failureCounts = new ConcurrentHashMap<>();

    public SubgraphClient(Duration defaultTimeout, Map<String, Duration> timeouts) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(defaultTimeout).build();
        this.defaultTimeout = defaultTimeout;
        this.timeouts = Map.copyOf(timeouts);
    }

    /** A failed subgraph call: transport error, timeout, non-2xx status or a body that is not GraphQL JSON. */
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

    /** Posts the operation and returns the decoded GraphQL response ({@code data}, {@code errors}). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> post(String subgraph, String url, String query, Map<String, Object> variables,
                                    Map<String, String> headers) throws SubgraphException {
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
            boolean graphqlBody = decoded != null && (decoded.containsKey("data") || decoded.containsKey("errors"));
            if (response.statusCode() / 100 != 2 && !graphqlBody || decoded == null) {
                throw failure(subgraph, "SUBREQUEST_HTTP_ERROR",
                        "HTTP fetch failed from '" + subgraph + "': " + response.statusCode()
                                + (graphqlBody ? "" : " (response is not a GraphQL result)"), null);
            }
            return decoded;
        } catch (java.net.http.HttpTimeoutException e) {
            throw failure(subgraph, "SUBREQUEST_TIMEOUT", "Subgraph '" + subgraph + "' did not answer within "
                    + timeouts.getOrDefault(subgraph, defaultTimeout).toMillis() + " ms", e);
        } catch (IOException e) {
            throw failure(subgraph, "SUBREQUEST_HTTP_ERROR", "HTTP fetch failed from '" + subgraph + "': "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(subgraph, "SUBREQUEST_HTTP_ERROR", "Request to '" + subgraph + "' was interrupted", e);
        } catch (IllegalArgumentException e) {
            throw failure(subgraph, "SUBREQUEST_HTTP_ERROR", "Invalid URL for subgraph '" + subgraph + "': " + url, e);
        }
    }

    private SubgraphException failure(String subgraph, String code, String message, Throwable cause) {
        failureCounts.computeIfAbsent(subgraph, s -> new AtomicLong()).incrementAndGet();
        return new SubgraphException(code, message, cause);
    }

    public Map<String, AtomicLong> requestCounts() {
        return requestCounts;
    }

    public Map<String, AtomicLong> failureCounts() {
        return failureCounts;
    }
}
