package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.http.GatewayServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A test client for a running {@link GatewayServer}: raw requests, and GraphQL-over-HTTP POSTs. */
final class GatewayHttp {
    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final GatewayServer server;

    GatewayHttp(GatewayServer server) {
        this.server = server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** POST with the given raw body; headers are name/value pairs (no Content-Type unless given). */
    HttpResponse<String> postRaw(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql")).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A well-formed GraphQL POST (application/json, Accept graphql-response+json) plus extra headers. */
    HttpResponse<String> post(String query, String... headers) throws Exception {
        String[] all = new String[headers.length + 4];
        all[0] = "Content-Type";
        all[1] = "application/json";
        all[2] = "Accept";
        all[3] = GRAPHQL_RESPONSE;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return postRaw(JSON.writeValueAsString(Map.of("query", query)), all);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<?, ?> json(HttpResponse<String> response) throws Exception {
        return JSON.readValue(response.body(), Map.class);
    }

    /** The first error's {@code extensions.code}. */
    static Object firstErrorCode(HttpResponse<String> response) throws Exception {
        Map<?, ?> error = (Map<?, ?>) ((java.util.List<?>) json(response).get("errors")).getFirst();
        return ((Map<?, ?>) error.get("extensions")).get("code");
    }

    static String firstErrorMessage(HttpResponse<String> response) throws Exception {
        Map<?, ?> error = (Map<?, ?>) ((java.util.List<?>) json(response).get("errors")).getFirst();
        return (String) error.get("message");
    }

    /** The gateway still answers an ordinary query correctly. */
    void assertHealthy() throws Exception {
        HttpResponse<String> response = post("{ me { name } }");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"data\":{\"me\":{\"name\":\"Ada\"}}}", response.body());
        assertEquals(200, get("/health/ready").statusCode());
    }
}
