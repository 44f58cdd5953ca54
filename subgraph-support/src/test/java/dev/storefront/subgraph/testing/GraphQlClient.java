package dev.storefront.subgraph.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.microprofile.server.ServerCdiExtension;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Sends GraphQL over real HTTP to the service a {@code @HelidonTest} started, and to its other
 * endpoints (health, metrics).
 */
public final class GraphQlClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final Map<String, String> headers;

    private GraphQlClient(URI base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** @return a client for the server of the running CDI container */
    public static GraphQlClient forRunningServer() {
        int port = CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port();
        return new GraphQlClient(URI.create("http://localhost:" + port), Map.of());
    }

    /**
     * A client that sends one more header on every request.
     *
     * @param name  header name
     * @param value header value
     * @return a new client; this one is unchanged
     */
    public GraphQlClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new GraphQlClient(base, Map.copyOf(more));
    }

    /**
     * A client that sends {@code Authorization: Bearer <token>}.
     *
     * @param token the token
     * @return a new client; this one is unchanged
     */
    public GraphQlClient withBearer(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    /**
     * POST a query without variables.
     *
     * @param query GraphQL document
     * @return the whole response body ({@code data}, {@code errors})
     */
    public JsonObject query(String query) {
        return query(query, Map.of());
    }

    /**
     * POST a query with variables.
     *
     * @param query     GraphQL document
     * @param variables variables (String, Number, Boolean, Map, List or JsonValue)
     * @return the whole response body
     */
    public JsonObject query(String query, Map<String, ?> variables) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("query", query);
        body.add("variables", Json.createObjectBuilder((Map<String, Object>) variables));
        Response response = post("/graphql", body.build().toString(), "application/json");
        if (response.status() != 200) {
            throw new AssertionError("GraphQL answered HTTP " + response.status() + ": " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * POST a raw body, for malformed-input tests.
     *
     * @param path        path on the server
     * @param body        body as sent
     * @param contentType content type
     * @return status and body
     */
    public Response post(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * GET a path.
     *
     * @param path path on the server
     * @return status and body
     */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private Response send(HttpRequest.Builder builder) {
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * An HTTP response.
     *
     * @param status status code
     * @param body   body text
     */
    public record Response(int status, String body) {

        /** @return the body parsed as a JSON object */
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }

    /**
     * Read a path such as {@code data.user.name} or {@code errors.0.message} from a response.
     *
     * @param json response
     * @param path dot-separated keys and list indexes
     * @return the value, or {@code JsonValue.NULL} when absent
     */
    public static JsonValue at(JsonValue json, String path) {
        JsonValue current = json;
        for (String step : path.split("\\.")) {
            if (current == null || current == JsonValue.NULL) {
                return JsonValue.NULL;
            }
            if (current.getValueType() == JsonValue.ValueType.ARRAY) {
                int index = Integer.parseInt(step);
                var array = current.asJsonArray();
                current = index < array.size() ? array.get(index) : null;
            } else {
                current = current.asJsonObject().get(step);
            }
        }
        return current == null ? JsonValue.NULL : current;
    }

    /**
     * Read a string at a path.
     *
     * @param json response
     * @param path as in {@link #at}
     * @return the string, or {@code null}
     */
    public static String string(JsonValue json, String path) {
        JsonValue value = at(json, path);
        return value instanceof jakarta.json.JsonString s ? s.getString() : (value == JsonValue.NULL ? null : value.toString());
    }
}
