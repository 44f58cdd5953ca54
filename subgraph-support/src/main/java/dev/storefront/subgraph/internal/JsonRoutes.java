package dev.storefront.subgraph.internal;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.dbclient.DbClientException;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.spi.JsonProvider;

/**
 * The internal contracts as plain Helidon routes rather than JAX-RS resources: Jersey's request
 * machinery around a resource method was ~40 % of products' and payments' CPU per checkout call.
 * A route is a {@link Route} (request in, {@link Answer} out) wrapped by {@link #json}, which
 * writes the answer and turns what went wrong into JSON: a {@link Refusal} into its 4xx, the
 * service's own exceptions through its mapping, anything else into a logged 500.
 */
public final class JsonRoutes {

    private static final System.Logger LOGGER = System.getLogger(JsonRoutes.class.getName());
    // Looked up once: Json.createReader() searches the class path for a provider on every call.
    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());
    // Thread-safe; writes records with their @JsonbPropertyOrder and leaves null fields out.
    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonRoutes() {
    }

    /** A route's work: the request in, the answer out; throws {@link Refusal} for a request it refuses. */
    @FunctionalInterface
    public interface Route {
        Answer answer(ServerRequest request);
    }

    /**
     * What a route answers.
     *
     * @param status  HTTP status
     * @param body    written by JSON-B
     * @param headers extra response headers
     */
    public record Answer(int status, Object body, Map<String, String> headers) {

        public static Answer ok(Object body) {
            return new Answer(200, body, Map.of());
        }

        public static Answer of(int status, Object body) {
            return new Answer(status, body, Map.of());
        }

        public static Answer error(int status, String code, String message) {
            return of(status, new ErrorBody(code, message));
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, Map.copyOf(more));
        }
    }

    /** The error answer every contract shares: a stable code and a message for the caller. */
    @JsonbPropertyOrder({"code", "message"})
    public record ErrorBody(String code, String message) {
    }

    /** A request the contract refuses as it stands (its message is written for the caller). */
    public static final class Refusal extends RuntimeException {

        private final int status;
        private final String code;

        public Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        /** @return 400 {@code INVALID_REQUEST} with the given message */
        public static Refusal invalid(String message) {
            return new Refusal(400, "INVALID_REQUEST", message);
        }

        Answer answer() {
            return Answer.error(status, code, getMessage());
        }
    }

    /**
     * @param route the route
     * @return a handler answering JSON; anything but a {@link Refusal} thrown is a logged 500
     */
    public static Handler json(Route route) {
        return json(route, failure -> null);
    }

    /**
     * @param route    the route
     * @param failures the answers to the service's own exceptions ({@code null} for one it does not know: a 500)
     * @return a handler answering JSON
     */
    public static Handler json(Route route, Function<RuntimeException, Answer> failures) {
        return (req, res) -> {
            Answer answer;
            try {
                answer = route.answer(req);
            } catch (Refusal refusal) {
                answer = refusal.answer();
            } catch (RuntimeException e) {
                answer = failures.apply(e);
                if (answer == null) {
                    LOGGER.log(System.Logger.Level.ERROR, "Internal request " + req.prologue().method().text() + " "
                            + req.path().path() + " failed", e);
                    answer = Answer.error(500, "INTERNAL_ERROR", "Internal error");
                }
            }
            send(res, answer);
        };
    }

    /**
     * The failures of a route whose every call is safe to repeat: a database failure is 503
     * {@code UNAVAILABLE} (the caller may retry; the cause goes to the log, not to the caller).
     *
     * @param service the service's name, for the message
     * @return a failure mapping for {@link #json(Route, Function)}
     */
    public static Function<RuntimeException, Answer> unavailableWhenTheDatabaseFails(String service) {
        return failure -> {
            if (!(failure instanceof DbClientException)) {
                return null;
            }
            LOGGER.log(System.Logger.Level.WARNING, "Database failure answered with 503", failure);
            return Answer.error(503, "UNAVAILABLE", "The " + service + " database is unavailable; retry later");
        };
    }

    /**
     * For a path's other methods: 405 with {@code Allow}, as JAX-RS answered.
     *
     * @param allowed the methods the path has, e.g. {@code "GET, PUT"}
     * @return the handler
     */
    public static Handler methodNotAllowed(String allowed) {
        return (req, res) -> send(res, Answer.error(405, "METHOD_NOT_ALLOWED", "Method Not Allowed").withHeader("Allow", allowed));
    }

    /**
     * The request's body, which must be a JSON object sent as {@code application/json}.
     *
     * @param request the request
     * @return the object
     * @throws Refusal 415 for another content type, 400 for an empty, malformed or non-object body
     */
    public static JsonObject object(ServerRequest request) {
        boolean json = request.headers().contentType().map(type -> type.test(MediaTypes.APPLICATION_JSON)).orElse(false);
        if (!json) {
            throw new Refusal(415, "UNSUPPORTED_MEDIA_TYPE", "The body must be sent as application/json");
        }
        String body = request.content().hasEntity() ? request.content().as(String.class) : "";
        if (body.isBlank()) {
            throw Refusal.invalid("Request body must be a JSON object");
        }
        try (var reader = READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Refusal.invalid("Request body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw Refusal.invalid("Request body is not valid JSON");
        }
    }

    /**
     * @param request the request
     * @param name    a parameter of the route's path pattern
     * @return its decoded value
     */
    public static String pathParameter(ServerRequest request, String name) {
        return request.path().pathParameters().get(name);
    }

    private static void send(ServerResponse res, Answer answer) {
        res.status(Status.create(answer.status()));
        answer.headers().forEach(res::header);
        res.headers().contentType(MediaTypes.APPLICATION_JSON);
        res.send(JSONB.toJson(answer.body()));
    }
}
