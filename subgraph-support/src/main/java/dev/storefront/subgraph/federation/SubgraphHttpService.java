package dev.storefront.subgraph.federation;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.graphql.server.InvocationHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParsingException;

/**
 * GraphQL over HTTP for a subgraph, per the GraphQL-over-HTTP spec: POST with a JSON body, GET
 * with query parameters for queries only (a mutation over GET is refused: GET must be safe, and
 * a cross-site GET could otherwise change state), {@code application/graphql-response+json} when
 * the client accepts it (then request errors get 400), a 400 for a malformed body, and a 415 for
 * a POST without a JSON content type. Execution is Helidon's {@link InvocationHandler}, so
 * exception masking and MP GraphQL semantics stay as Helidon defines them.
 */
final class SubgraphHttpService implements HttpService {

    static final MediaType GRAPHQL_RESPONSE = MediaTypes.create("application", "graphql-response+json");
    // Looked up once: READERS.createReader() and friends search the class path for a provider on every call.
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of());
    private static final JsonGeneratorFactory WRITERS = JSON.createGeneratorFactory(Map.of());

    private final InvocationHandler handler;

    SubgraphHttpService(InvocationHandler handler) {
        this.handler = handler;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/graphql", this::post)
                .get("/graphql", this::get);
    }

    private void post(ServerRequest req, ServerResponse res) {
        boolean json = req.headers().contentType()
                .map(type -> type.test(MediaTypes.APPLICATION_JSON) || type.test(GRAPHQL_RESPONSE))
                .orElse(false);
        if (!json) {
            requestError(req, res, Status.UNSUPPORTED_MEDIA_TYPE_415, "POST requires Content-Type: application/json");
            return;
        }
        JsonObject body;
        try {
            JsonValue parsed = READERS.createReader(new StringReader(req.content().as(String.class))).readValue();
            if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
                requestError(req, res, Status.BAD_REQUEST_400, "The request body must be a JSON object");
                return;
            }
            body = parsed.asJsonObject();
        } catch (JsonParsingException | IllegalStateException e) {
            requestError(req, res, Status.BAD_REQUEST_400, "The request body is not valid JSON");
            return;
        }
        JsonValue query = body.get("query");
        JsonValue operationName = body.getOrDefault("operationName", JsonValue.NULL);
        JsonValue variables = body.getOrDefault("variables", JsonValue.NULL);
        JsonValue extensions = body.getOrDefault("extensions", JsonValue.NULL);
        if (!(query instanceof JsonString)) {
            requestError(req, res, Status.BAD_REQUEST_400, "'query' must be a string");
        } else if (operationName != JsonValue.NULL && !(operationName instanceof JsonString)) {
            requestError(req, res, Status.BAD_REQUEST_400, "'operationName' must be a string");
        } else if (variables != JsonValue.NULL && variables.getValueType() != JsonValue.ValueType.OBJECT) {
            requestError(req, res, Status.BAD_REQUEST_400, "'variables' must be an object");
        } else if (extensions != JsonValue.NULL && extensions.getValueType() != JsonValue.ValueType.OBJECT) {
            requestError(req, res, Status.BAD_REQUEST_400, "'extensions' must be an object");
        } else {
            execute(req, res, ((JsonString) query).getString(),
                    operationName == JsonValue.NULL ? null : ((JsonString) operationName).getString(),
                    variables == JsonValue.NULL ? Map.of() : toJava(variables.asJsonObject()));
        }
    }

    private void get(ServerRequest req, ServerResponse res) {
        var params = req.query();
        if (!params.contains("query")) {
            requestError(req, res, Status.BAD_REQUEST_400, "Missing 'query' parameter");
            return;
        }
        String query = params.get("query");
        String operationName = params.contains("operationName") ? params.get("operationName") : null;
        if (isMutation(query, operationName)) {
            res.header(HeaderNames.ALLOW, "POST");
            requestError(req, res, Status.METHOD_NOT_ALLOWED_405, "Mutations are only accepted over POST");
            return;
        }
        Map<String, Object> variables = Map.of();
        if (params.contains("variables")) {
            try {
                JsonValue parsed = READERS.createReader(new StringReader(params.get("variables"))).readValue();
                if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new IllegalStateException("not an object");
                }
                variables = toJava(parsed.asJsonObject());
            } catch (JsonParsingException | IllegalStateException e) {
                requestError(req, res, Status.BAD_REQUEST_400, "'variables' must be a JSON object");
                return;
            }
        }
        execute(req, res, query, operationName, variables);
    }

    private void execute(ServerRequest req, ServerResponse res, String query, String operationName,
                         Map<String, Object> variables) {
        Map<String, Object> result = handler.execute(query, operationName, variables);
        boolean graphqlResponse = acceptsGraphQlResponse(req);
        // A request error (unparsable, invalid, uncoercible variables) never executed: no data, no
        // error with a path. The new media type lets the client trust a 400 for those.
        boolean requestError = result.get("data") == null && !hasPathedError(result);
        res.status(graphqlResponse && requestError ? Status.BAD_REQUEST_400 : Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, graphqlResponse ? GRAPHQL_RESPONSE.text() + "; charset=utf-8" : "application/json");
        res.send(toJson(result));
    }

    /**
     * The execution result (maps, lists, strings, numbers, booleans, nulls: what graphql-java
     * produces) as JSON bytes. Written directly: JSON-B looked up a serializer for every value.
     */
    static byte[] toJson(Map<String, Object> result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = WRITERS.createGenerator(out)) {
            generator.writeStartObject();
            result.forEach((name, value) -> write(generator, name, value));
            generator.writeEnd();
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, String name, Object value) {
        if (name != null) {
            generator.writeKey(name);
        }
        switch (value) {
            case null -> generator.writeNull();
            case String string -> generator.write(string);
            case Boolean bool -> generator.write(bool);
            case Integer number -> generator.write(number);
            case Long number -> generator.write(number);
            case Short number -> generator.write(number);
            case Byte number -> generator.write(number);
            case BigInteger number -> generator.write(number);
            case BigDecimal number -> generator.write(number);
            case Double number -> generator.write(number);
            case Float number -> generator.write(number.doubleValue());
            case Map<?, ?> map -> {
                generator.writeStartObject();
                map.forEach((key, item) -> write(generator, String.valueOf(key), item));
                generator.writeEnd();
            }
            case Iterable<?> list -> {
                generator.writeStartArray();
                list.forEach(item -> write(generator, null, item));
                generator.writeEnd();
            }
            // enums and any other scalar graphql-java serialized to a Java object: its text
            default -> generator.write(value.toString());
        }
    }

    private static boolean hasPathedError(Map<String, Object> result) {
        return result.get("errors") instanceof List<?> errors
                && errors.stream().anyMatch(e -> e instanceof Map<?, ?> m && m.get("path") != null);
    }

    private static boolean acceptsGraphQlResponse(ServerRequest req) {
        // only when named: a wildcard or a missing Accept means the classic application/json
        for (HttpMediaType accepted : req.headers().acceptedTypes()) {
            MediaType type = accepted.mediaType();
            if (type.subtype().equals(GRAPHQL_RESPONSE.subtype()) && type.type().equals(GRAPHQL_RESPONSE.type())) {
                return true;
            }
            if (type.subtype().equals("json") && type.type().equals("application")) {
                return false;
            }
        }
        return false;
    }

    private static boolean isMutation(String query, String operationName) {
        try {
            Document document = Parser.parse(query);
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            return operations.stream()
                    .filter(op -> operationName == null ? operations.size() == 1 : operationName.equals(op.getName()))
                    .anyMatch(op -> op.getOperation() == OperationDefinition.Operation.MUTATION);
        } catch (RuntimeException e) {
            return false; // execution reports the syntax error
        }
    }

    private static void requestError(ServerRequest req, ServerResponse res, Status status, String message) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, acceptsGraphQlResponse(req)
                ? GRAPHQL_RESPONSE.text() + "; charset=utf-8" : "application/json");
        res.send(JSON.createObjectBuilder()
                .add("errors", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("message", message)))
                .build().toString());
    }

    private static Map<String, Object> toJava(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((key, value) -> map.put(key, toJava(value)));
        return map;
    }

    private static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> toJava(value.asJsonObject());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(toJava(v)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                BigDecimal decimal = number.bigDecimalValue();
                if (number.isIntegral()) {
                    try {
                        yield decimal.intValueExact();
                    } catch (ArithmeticException tooBig) {
                        yield decimal;
                    }
                }
                yield decimal.doubleValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }
}
