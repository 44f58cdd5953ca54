package dev.storefront.products.internal;

import java.io.StringReader;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Reading request bodies (by hand, so a malformed body or a wrongly typed field is a 400 naming the
 * field) and the answers, whose bodies are {@link Answers} records written by JSON-B.
 */
final class JsonResponses {

    private static final System.Logger LOGGER = System.getLogger(JsonResponses.class.getName());
    /**
     * One factory for every body: {@code Json.createReader} looks the JSON-P provider up through
     * the ServiceLoader (a class-path scan) on every call, which was 12 % of products' CPU in the
     * checkout benchmark. The factory is thread-safe (JSON-P: factories may be shared).
     */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonResponses() {
    }

    /**
     * Parse a body that must be a JSON object.
     *
     * @param body raw body
     * @return the object
     * @throws InvalidRequestException when the body is empty, malformed or not an object
     */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("Request body must be a JSON object");
        }
        try (var reader = READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequestException("Request body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidRequestException("Request body is not valid JSON");
        }
    }

    /** @return 200 with the body written by JSON-B */
    static Response ok(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** @return an error answer: {@code {"code","message",...}} */
    static Response error(Response.Status status, Answers.ErrorBody error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    static Response badRequest(InvalidRequestException e) {
        return error(Response.Status.BAD_REQUEST, Answers.ErrorBody.of("INVALID_REQUEST", e.getMessage()));
    }

    /**
     * The database failed: callers may retry (every endpoint is idempotent), so say so instead of
     * a 500; the cause goes to the log, not to the caller.
     *
     * @param cause the failure
     * @return 503 {@code UNAVAILABLE}
     */
    static Response unavailable(RuntimeException cause) {
        LOGGER.log(System.Logger.Level.WARNING, "Database failure answered with 503", cause);
        return error(Response.Status.SERVICE_UNAVAILABLE,
                Answers.ErrorBody.of("UNAVAILABLE", "The products database is unavailable; retry later"));
    }
}
