package dev.storefront.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.Gateway;
import dev.storefront.gateway.GatewayResponse;
import dev.storefront.gateway.GraphQLRequest;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's HTTP face. Follows the GraphQL-over-HTTP spec: with
 * {@code application/graphql-response+json} a request error is 400 and an executed request 200;
 * with plain {@code application/json} everything GraphQL-shaped is 200.
 */
public final class GatewayServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final HeaderName QUERY_PLAN = HeaderNames.create("X-Query-Plan");
    private static final Set<String> FORWARDED = Set.of("authorization", "traceparent", "tracestate", "x-request-id");

    /** HTTP settings. */
    public record Settings(String host, int port, long maxBodyBytes, List<String> corsOrigins) {
    }

    private final Gateway gateway;
    private final Settings settings;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private WebServer server;

    public GatewayServer(Gateway gateway, Settings settings) {
        this.gateway = gateway;
        this.settings = settings;
    }

    public GatewayServer start() {
        server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .routing(this::routes)
                .build()
                .start();
        return this;
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void routes(HttpRouting.Builder routing) {
        routing.route(Method.OPTIONS, "/graphql", this::preflight)
                .post("/graphql", this::graphql)
                .get("/graphql", this::graphql)
                .route(Method.PUT, "/graphql", (req, res) -> methodNotAllowed(res))
                .route(Method.DELETE, "/graphql", (req, res) -> methodNotAllowed(res))
                .get("/graphiql", (req, res) -> asset(res, "index.html", "text/html; charset=utf-8"))
                .get("/graphiql/{file}", (req, res) -> {
                    String file = req.path().pathParameters().get("file");
                    String type = file.endsWith(".js") ? "application/javascript" : file.endsWith(".css") ? "text/css"
                            : file.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
                    asset(res, file, type);
                })
                .get("/health", (req, res) -> health(res))
                .get("/health/live", (req, res) -> health(res))
                .get("/health/ready", (req, res) -> health(res))
                .get("/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.prometheus(gateway));
                });
    }

    private void health(ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send("{\"status\":\"UP\",\"subgraphs\":" + gateway.supergraph().subgraphs().size() + "}");
    }

    private void methodNotAllowed(ServerResponse res) {
        res.status(Status.METHOD_NOT_ALLOWED_405);
        res.header(HeaderNames.ALLOW, "GET, POST, OPTIONS");
        res.send();
    }

    private void asset(ServerResponse res, String file, String contentType) {
        if (!file.matches("[A-Za-z0-9._-]+")) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        try (InputStream in = GatewayServer.class.getResourceAsStream("/graphiql/" + file)) {
            if (in == null) {
                res.status(Status.NOT_FOUND_404).send();
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, contentType);
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
            res.send(in.readAllBytes());
        } catch (IOException e) {
            res.status(Status.INTERNAL_SERVER_ERROR_500).send();
        }
    }

    private boolean cors(ServerRequest req, ServerResponse res) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origin == null || settings.corsOrigins().isEmpty()) {
            return false;
        }
        if (settings.corsOrigins().contains("*") || settings.corsOrigins().contains(origin)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, settings.corsOrigins().contains("*") ? "*" : origin);
            res.header(HeaderNames.VARY, "Origin");
            return true;
        }
        return false;
    }

    private void preflight(ServerRequest req, ServerResponse res) {
        if (cors(req, res)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept, Authorization, X-Query-Plan");
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    @SuppressWarnings("unchecked")
    private void graphql(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        metrics.requests.incrementAndGet();
        cors(req, res);
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        boolean graphqlResponse = accept.isEmpty() || accept.contains(GRAPHQL_RESPONSE) || accept.contains("*/*")
                && !accept.contains("application/json");
        if (!accept.isEmpty() && !accept.contains(GRAPHQL_RESPONSE) && !accept.contains("application/json")
                && !accept.contains("*/*") && !accept.contains("application/*")) {
            res.status(Status.NOT_ACCEPTABLE_406).send();
            return;
        }
        boolean get = req.prologue().method() == Method.GET;
        GraphQLRequest request;
        try {
            request = get ? fromQueryParameters(req) : fromBody(req, res);
        } catch (BadRequest e) {
            metrics.requestErrors.incrementAndGet();
            respond(res, e.status, Map.of("errors", List.of(Map.of("message", e.getMessage()))), graphqlResponse);
            return;
        }
        if (request == null) {
            return; // already answered (body too large)
        }
        boolean includePlan = req.headers().first(QUERY_PLAN).map("true"::equalsIgnoreCase).orElse(false)
                || request.extensions() != null && Boolean.TRUE.equals(request.extensions().get("includeQueryPlan"));
        Map<String, String> forward = new LinkedHashMap<>();
        req.headers().forEach(h -> {
            if (FORWARDED.contains(h.name().toLowerCase())) {
                forward.put(h.name(), h.get());
            }
        });
        GatewayResponse response;
        try {
            if (get && isMutation(request)) {
                res.header(HeaderNames.ALLOW, "POST");
                respond(res, Status.METHOD_NOT_ALLOWED_405, Map.of("errors",
                        List.of(Map.of("message", "Mutations are only allowed over POST."))), graphqlResponse);
                return;
            }
            response = gateway.execute(request, includePlan, forward);
        } catch (RuntimeException e) {
            // a bug must not become a stack trace for the client: report it as a GraphQL error
            response = new GatewayResponse(Map.of("errors", List.of(Map.of("message", "Internal gateway error: "
                    + e.getClass().getSimpleName(), "extensions", Map.of("code", "INTERNAL_SERVER_ERROR")))), true, false);
        }
        if (response.requestError()) {
            metrics.requestErrors.incrementAndGet();
        } else if (response.body().containsKey("errors")) {
            metrics.responsesWithErrors.incrementAndGet();
        }
        Status status = response.requestError() && graphqlResponse ? Status.BAD_REQUEST_400 : Status.OK_200;
        respond(res, status, response.body(), graphqlResponse);
        metrics.nanos.addAndGet(System.nanoTime() - start);
    }

    private boolean isMutation(GraphQLRequest request) {
        try {
            var document = graphql.parser.Parser.parse(request.query());
            var operations = document.getDefinitionsOfType(graphql.language.OperationDefinition.class);
            return operations.stream().anyMatch(o -> (request.operationName() == null || request.operationName().equals(o.getName()))
                    && o.getOperation() == graphql.language.OperationDefinition.Operation.MUTATION);
        } catch (RuntimeException e) {
            return false; // the gateway reports the syntax error
        }
    }

    private static final class BadRequest extends Exception {
        final Status status;

        BadRequest(Status status, String message) {
            super(message);
            this.status = status;
        }
    }

    @SuppressWarnings("unchecked")
    private GraphQLRequest fromQueryParameters(ServerRequest req) throws BadRequest {
        var query = req.query();
        String text = query.first("query").orElse(null);
        String operationName = query.first("operationName").orElse(null);
        Map<String, Object> variables = parseJsonParameter(query.first("variables").orElse(null), "variables");
        Map<String, Object> extensions = parseJsonParameter(query.first("extensions").orElse(null), "extensions");
        if (text == null) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Missing query parameter 'query'.");
        }
        return new GraphQLRequest(text, operationName, variables, extensions);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parseJsonParameter(String value, String name) throws BadRequest {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return JSON.readValue(value, Map.class);
        } catch (IOException e) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Parameter '" + name + "' is not a JSON object.");
        }
    }

    @SuppressWarnings("unchecked")
    private GraphQLRequest fromBody(ServerRequest req, ServerResponse res) throws BadRequest {
        String contentType = req.headers().contentType().map(m -> m.mediaType().text()).orElse("");
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, settings.maxBodyBytes() + 1));
        } catch (IOException | RuntimeException e) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Could not read the request body.");
        }
        if (bytes.length > settings.maxBodyBytes()) {
            throw new BadRequest(Status.REQUEST_ENTITY_TOO_LARGE_413,
                    "Request body is larger than " + settings.maxBodyBytes() + " bytes.");
        }
        if (contentType.equals("application/graphql")) {
            return new GraphQLRequest(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), null, null, null);
        }
        if (!contentType.isEmpty() && !contentType.equals("application/json")) {
            throw new BadRequest(Status.UNSUPPORTED_MEDIA_TYPE_415, "Unsupported Content-Type " + contentType
                    + "; use application/json.");
        }
        Object body;
        try {
            body = JSON.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Request body is not valid JSON.");
        }
        if (!(body instanceof Map<?, ?> map)) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Request body must be a JSON object.");
        }
        if (!(map.get("query") instanceof String query)) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Request body must contain a string 'query'.");
        }
        Object variables = map.get("variables");
        Object extensions = map.get("extensions");
        Object operationName = map.get("operationName");
        if (variables != null && !(variables instanceof Map) || extensions != null && !(extensions instanceof Map)
                || operationName != null && !(operationName instanceof String)) {
            throw new BadRequest(Status.BAD_REQUEST_400, "'variables' and 'extensions' must be objects, 'operationName' a string.");
        }
        return new GraphQLRequest(query, (String) operationName, (Map<String, Object>) variables,
                (Map<String, Object>) extensions);
    }

    private void respond(ServerResponse res, Status status, Map<String, Object> body, boolean graphqlResponse) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, (graphqlResponse ? GRAPHQL_RESPONSE : "application/json") + "; charset=utf-8");
        try {
            res.send(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            res.status(Status.INTERNAL_SERVER_ERROR_500).send();
        }
    }
}
