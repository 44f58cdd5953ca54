package dev.storefront.products.internal;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Reading request bodies and writing JSON answers, including the error shape {@code {"code","message",...}}. */
final class JsonResponses {

    private static final System.Logger LOGGER = System.getLogger(JsonResponses.class.getName());

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
        try (var reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidRequestException("Request body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidRequestException("Request body is not valid JSON");
        }
    }

    static Response ok(JsonStructure json) {
        return json(Response.Status.OK, json);
    }

    static Response json(Response.Status status, JsonStructure json) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json.toString()).build();
    }

    /**
     * The body of an error answer.
     *
     * @param code    stable machine-readable code
     * @param message human-readable explanation
     * @return builder to add more fields to, then pass to {@link #error(Response.Status, JsonObjectBuilder)}
     */
    static JsonObjectBuilder error(String code, String message) {
        return Json.createObjectBuilder().add("code", code).add("message", message);
    }

    static Response error(Response.Status status, JsonObjectBuilder error) {
        return json(status, error.build());
    }

    static Response badRequest(InvalidRequestException e) {
        return error(Response.Status.BAD_REQUEST, error("INVALID_REQUEST", e.getMessage()));
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
                error("UNAVAILABLE", "The products database is unavailable; retry later"));
    }
}
