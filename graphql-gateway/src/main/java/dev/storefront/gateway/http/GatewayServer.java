package dev.storefront.gateway.http;

import dev.storefront.gateway.ExecutionRequest;
import dev.storefront.gateway.Gateway;
import dev.storefront.gateway.GatewayResponse;
import dev.storefront.gateway.json.Json;
import dev.storefront.gateway.GraphQLRequest;
import dev.storefront.gateway.execution.RequestDeadline;
import dev.storefront.gateway.security.BearerTokenVerifier;
import dev.storefront.gateway.security.CsrfPrevention;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.tracing.SpanContext;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's HTTP face. Follows the GraphQL-over-HTTP spec: with
 * {@code application/graphql-response+json} a request error is 400 and an executed request 200;
 * with plain {@code application/json} everything GraphQL-shaped is 200.
 * <p>
 * Admission, in order: acceptable media type, CSRF prevention, bearer token (401 before the body
 * is read), body size, batch size; then the pipeline checks the operation limits.
 */
public final class GatewayServer {
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final HeaderName QUERY_PLAN = HeaderNames.create("X-Query-Plan");
    private static final HeaderName REQUEST_DEADLINE = HeaderNames.create(RequestDeadline.HEADER);
    private static final HeaderName X_CONTENT_TYPE_OPTIONS = HeaderNames.create("X-Content-Type-Options");
    private static final HeaderName X_FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final Set<String> FORWARDED = Set.of("authorization", "traceparent", "tracestate", "x-request-id");
    private static final io.helidon.http.HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");

    /**
     * HTTP settings.
     *
     * @param maxBatchSize   operations allowed in one JSON array POST; 0 refuses batches
     * @param graphiql       serve {@code /graphiql}
     * @param csrfPrevention refuse requests a browser could send cross-site without a preflight
     * @param tokens         bearer token verification, or null to forward tokens unchecked
     * @param tracing        server and fetch spans (disabled: none at all)
     * @param publicGetMaxAge seconds a shared cache (CDN) may keep a successful anonymous GET query
     *                        response; 0 keeps {@code Cache-Control: no-store} on everything
     * @param storefrontDir   the built web shop, served at {@code /shop/}; null: no such route
     */
    public record Settings(String host, int port, long maxBodyBytes, List<String> corsOrigins, int maxBatchSize,
                           boolean graphiql, boolean csrfPrevention, BearerTokenVerifier tokens, GatewayTracing tracing,
                           int publicGetMaxAge, Path storefrontDir) {
        /** Defaults for everything but the address, body limit and CORS origins (no token check, no tracing). */
        public Settings(String host, int port, long maxBodyBytes, List<String> corsOrigins) {
            this(host, port, maxBodyBytes, corsOrigins, 10, true, true, null, GatewayTracing.disabled());
        }

        /** No response may be cached. */
        public Settings(String host, int port, long maxBodyBytes, List<String> corsOrigins, int maxBatchSize,
                        boolean graphiql, boolean csrfPrevention, BearerTokenVerifier tokens, GatewayTracing tracing) {
            this(host, port, maxBodyBytes, corsOrigins, maxBatchSize, graphiql, csrfPrevention, tokens, tracing, 0);
        }

        /** No web shop. */
        public Settings(String host, int port, long maxBodyBytes, List<String> corsOrigins, int maxBatchSize,
                        boolean graphiql, boolean csrfPrevention, BearerTokenVerifier tokens, GatewayTracing tracing,
                        int publicGetMaxAge) {
            this(host, port, maxBodyBytes, corsOrigins, maxBatchSize, graphiql, csrfPrevention, tokens, tracing,
                    publicGetMaxAge, null);
        }

        /** @return these settings with the web shop served from {@code dir} */
        public Settings withStorefront(Path dir) {
            return new Settings(host, port, maxBodyBytes, corsOrigins, maxBatchSize, graphiql, csrfPrevention, tokens,
                    tracing, publicGetMaxAge, dir);
        }
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
        var builder = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // features are chosen here, not by classpath discovery (the observe feature would
                // otherwise install itself with a global tracer even when tracing is off)
                .featuresDiscoverServices(false)
                .routing(this::routes);
        settings.tracing().serverFeature().ifPresent(builder::addFeature);
        server = builder.build().start();
        if (!server.isRunning()) {
            // Helidon logs the bind failure and shuts down instead of throwing: without this the
            // process would go on to announce it was listening (on port -1)
            settings.tracing().close();
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port()
                    + " (the port is taken, or the address is not one of this host's)");
        }
        return this;
    }

    public int port() {
        return server.port();
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
        settings.tracing().close(); // flush the spans still buffered
    }

    private void routes(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            // no MIME sniffing of JSON into HTML, no framing (clickjacking), no referrer leaks
            res.header(X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header(X_FRAME_OPTIONS, "DENY");
            res.header(REFERRER_POLICY, "no-referrer");
            chain.proceed();
        });
        routing.route(Method.OPTIONS, "/graphql", this::preflight)
                .post("/graphql", this::graphql)
                .get("/graphql", this::graphql)
                .route(Method.PUT, "/graphql", (req, res) -> methodNotAllowed(res))
                .route(Method.DELETE, "/graphql", (req, res) -> methodNotAllowed(res));
        if (settings.graphiql()) {
            routing.get("/graphiql", (req, res) -> asset(res, "index.html", "text/html; charset=utf-8"))
                    .get("/graphiql/{file}", (req, res) -> {
                        String file = req.path().pathParameters().get("file");
                        String type = file.endsWith(".js") ? "application/javascript" : file.endsWith(".css") ? "text/css"
                                : file.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
                        asset(res, file, type);
                    });
        }
        if (settings.storefrontDir() != null) {
            WebShop.register(routing, settings.storefrontDir());
        }
        routing.get("/health", (req, res) -> health(res))
                .get("/health/live", (req, res) -> health(res))
                .get("/health/ready", (req, res) -> health(res))
                .get("/metrics", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.prometheus(gateway, settings.tokens()));
                })
                // our own 404, so that unknown paths get the security headers too (Helidon's bypasses filters)
                .any((req, res) -> res.status(Status.NOT_FOUND_404).send());
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
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Accept, Authorization, X-Query-Plan, "
                    + "GraphQL-Require-Preflight, Apollo-Require-Preflight, X-Apollo-Operation-Name, traceparent, tracestate, "
                    + RequestDeadline.HEADER);
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    /** {@code /graphql}: admission (media type, CSRF, token), the operations, their execution, the answer. */
    private void graphql(ServerRequest req, ServerResponse res) {
        long start = System.nanoTime();
        // one deadline per client request, from its arrival: the gateway's budget, or less if the
        // client asks for less (its header is never forwarded; each fetch sends what is left)
        RequestDeadline deadline = gateway.client().startDeadline(req.headers().first(REQUEST_DEADLINE).orElse(null));
        metrics.requests.incrementAndGet();
        cors(req, res);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        // the new media type only when the client names it: a missing Accept or */* means a client
        // that may predate it, which the GraphQL-over-HTTP spec answers with application/json
        boolean graphqlResponse = accept.contains(GRAPHQL_RESPONSE);
        if (!admitted(req, res, accept, graphqlResponse)) {
            return;
        }
        boolean get = req.prologue().method() == Method.GET;
        List<GraphQLRequest> operations;
        boolean batch;
        try {
            if (get) {
                operations = List.of(fromQueryParameters(req));
                batch = false;
            } else {
                Object body = readBody(req);
                batch = body instanceof List<?>;
                operations = batch ? batchOperations((List<?>) body) : List.of(toRequest(body, ""));
            }
        } catch (BadRequest e) {
            metrics.requestErrors.incrementAndGet();
            if (e.code != null) {
                metrics.rejected(e.code.toLowerCase(java.util.Locale.ROOT));
            }
            reject(res, e.status, e.code, e.getMessage(), graphqlResponse);
            return;
        }
        boolean headerAsksForPlan = req.headers().first(QUERY_PLAN).map("true"::equalsIgnoreCase).orElse(false);
        Map<String, String> forward = forwardedHeaders(req);
        SpanContext requestSpan = settings.tracing().enabled() ? req.context().get(SpanContext.class).orElse(null) : null;
        // batch entries run one after another, in order: a batch may hold mutations
        List<GatewayResponse> responses = new ArrayList<>();
        boolean anyPlan = false;
        for (GraphQLRequest operation : operations) {
            boolean includePlan = headerAsksForPlan
                    || operation.extensions() != null && Boolean.TRUE.equals(operation.extensions().get("includeQueryPlan"));
            anyPlan |= includePlan;
            responses.add(execute(operation, includePlan, forward, requestSpan, get, deadline));
        }
        if (batch) {
            // the batch was processed: each entry carries its own errors
            List<Map<String, Object>> bodies = responses.stream().map(GatewayResponse::body).toList();
            respond(res, Status.OK_200, () -> Json.bytes(bodies), graphqlResponse);
        } else {
            answer(req, res, responses.getFirst(), get && !anyPlan, graphqlResponse);
        }
        metrics.answered(System.nanoTime() - start);
    }

    /**
     * HTTP admission, before anything is read or run: an acceptable media type, CSRF prevention,
     * and a bearer token that verifies (when there is one). A refused request is answered here.
     *
     * @return whether the request may go on
     */
    private boolean admitted(ServerRequest req, ServerResponse res, String accept, boolean graphqlResponse) {
        if (!accept.isEmpty() && !accept.contains(GRAPHQL_RESPONSE) && !accept.contains("application/json")
                && !accept.contains("*/*") && !accept.contains("application/*")) {
            res.status(Status.NOT_ACCEPTABLE_406).send();
            return false;
        }
        if (settings.csrfPrevention() && !CsrfPrevention.preflighted(name -> req.headers().first(HeaderNames.create(name)).orElse(null))) {
            metrics.rejected("csrf");
            reject(res, Status.BAD_REQUEST_400, "CSRF_PREVENTED", CsrfPrevention.MESSAGE, graphqlResponse);
            return false;
        }
        String authorization = req.headers().first(HeaderNames.AUTHORIZATION).orElse(null);
        if (settings.tokens() != null && authorization != null
                && settings.tokens().verify(authorization) instanceof BearerTokenVerifier.Result.Rejected rejected) {
            metrics.rejected(rejected.code().toLowerCase(java.util.Locale.ROOT));
            if (rejected.status() == 401) {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            reject(res, Status.create(rejected.status()), rejected.code(), rejected.message(), graphqlResponse);
            return false;
        }
        return true;
    }

    /** The client headers every subgraph fetch carries (token, trace context, request id) and X-Forwarded-For. */
    private Map<String, String> forwardedHeaders(ServerRequest req) {
        Map<String, String> forward = new LinkedHashMap<>();
        req.headers().forEach(h -> {
            if (FORWARDED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
                forward.put(h.name(), h.get());
            }
        });
        // the client's address, for subgraphs that limit per client (users' sign-in throttling):
        // appended as any proxy does, so the right-most hop is the peer this gateway saw
        String peer = peerAddress(req);
        forward.put("X-Forwarded-For", req.headers().first(X_FORWARDED_FOR).map(hops -> hops + ", " + peer).orElse(peer));
        return forward;
    }

    /**
     * The answer to a single (not batched) request: its status by the GraphQL-over-HTTP rules
     * (or the one the pipeline set), and public caching for an anonymous GET when configured.
     */
    private void answer(ServerRequest req, ServerResponse res, GatewayResponse response, boolean cacheableGet,
                        boolean graphqlResponse) {
        Status status = response.httpStatus() != 0 ? Status.create(response.httpStatus())
                : response.requestError() && graphqlResponse ? Status.BAD_REQUEST_400 : Status.OK_200;
        if (status.code() == 405) {
            res.header(HeaderNames.ALLOW, "POST");
        } else if (cacheableGet && publicCacheable(req, response, status)) {
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=" + settings.publicGetMaxAge());
            // the body depends on these request headers: a cache keeps one copy per combination
            // (requests with a token or cookies are never stored: they get no-store below)
            res.header(HeaderNames.VARY, "Origin, Accept, Authorization, Cookie");
        }
        respond(res, status, response::json, graphqlResponse);
    }

    /**
     * Whether a shared cache may keep this GET response: only when the operator allowed it
     * ({@code GATEWAY_PUBLIC_GET_MAX_AGE}, promising that everything anonymous is public), the request
     * is anonymous (no token, no cookies: the answer could be personal) and the response is a
     * complete success (an error may be transient: a subgraph down must not be cached for minutes).
     */
    private boolean publicCacheable(ServerRequest req, GatewayResponse response, Status status) {
        return settings.publicGetMaxAge() > 0 && status.code() == 200 && !response.requestError()
                && !response.hasErrors()
                && !req.headers().contains(HeaderNames.AUTHORIZATION) && !req.headers().contains(HeaderNames.COOKIE);
    }

    private static String firstErrorCode(GatewayResponse response) {
        return response.body().get("errors") instanceof List<?> errors && !errors.isEmpty()
                && errors.getFirst() instanceof Map<?, ?> error && error.get("extensions") instanceof Map<?, ?> extensions
                && extensions.get("code") instanceof String code ? code : null;
    }

    private GatewayResponse execute(GraphQLRequest request, boolean includePlan, Map<String, String> forward,
                                    SpanContext requestSpan, boolean overGet, RequestDeadline deadline) {
        GatewayResponse response;
        try {
            response = gateway.execute(ExecutionRequest.of(request).withPlan(includePlan).forwarding(forward)
                    .tracedBy(requestSpan).overGet(overGet).within(deadline));
        } catch (RuntimeException e) {
            // a bug must not become a stack trace for the client: report it as a GraphQL error
            response = new GatewayResponse(Map.of("errors", List.of(Map.of("message", "Internal gateway error: "
                    + e.getClass().getSimpleName(), "extensions", Map.of("code", "INTERNAL_SERVER_ERROR")))), true, false);
        }
        if (response.requestError()) {
            metrics.requestErrors.incrementAndGet();
            String code = firstErrorCode(response);
            if (code != null && OperationLimits.CODES.contains(code)) {
                metrics.rejected(code.toLowerCase(java.util.Locale.ROOT));
            }
        } else if (response.hasErrors()) {
            metrics.responsesWithErrors.incrementAndGet();
        }
        return response;
    }

    private void reject(ServerResponse res, Status status, String code, String message, boolean graphqlResponse) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (code != null) {
            error.put("extensions", Map.of("code", code));
        }
        respond(res, status, () -> Json.bytes(Map.of("errors", List.of(error))), graphqlResponse);
    }

    private static final class BadRequest extends Exception {
        final Status status;
        final String code;

        BadRequest(Status status, String message) {
            this(status, null, message);
        }

        BadRequest(Status status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    @SuppressWarnings("unchecked")
    private GraphQLRequest fromQueryParameters(ServerRequest req) throws BadRequest {
        var query = req.query();
        String text = query.first("query").orElse(null);
        String operationName = query.first("operationName").orElse(null);
        Map<String, Object> variables = parseJsonParameter(query.first("variables").orElse(null), "variables");
        Map<String, Object> extensions = parseJsonParameter(query.first("extensions").orElse(null), "extensions");
        if (text == null && !persistedQuery(extensions)) {
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
            if (Json.read(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            throw new IOException("not an object");
        } catch (IOException e) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Parameter '" + name + "' is not a JSON object.");
        }
    }

    /** The decoded body: a JSON object (one operation), a JSON array (a batch), or a raw {@code application/graphql} query. */
    private Object readBody(ServerRequest req) throws BadRequest {
        String contentType = req.headers().contentType().map(m -> m.mediaType().text()).orElse("");
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            long declared = req.headers().contentLength().orElse(-1);
            // a declared length is read into an array of that size (no growing buffers, no copy)
            bytes = declared >= 0 && declared <= settings.maxBodyBytes() ? in.readNBytes((int) declared)
                    : in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, settings.maxBodyBytes() + 1));
        } catch (IOException | RuntimeException e) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Could not read the request body.");
        }
        if (bytes.length > settings.maxBodyBytes()) {
            throw new BadRequest(Status.REQUEST_ENTITY_TOO_LARGE_413, "PAYLOAD_TOO_LARGE", "The request body is larger than "
                    + settings.maxBodyBytes() + " bytes, the maximum (GATEWAY_MAX_BODY_BYTES).");
        }
        if (contentType.equals("application/graphql")) {
            return Map.of("query", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!contentType.isEmpty() && !contentType.equals("application/json")) {
            throw new BadRequest(Status.UNSUPPORTED_MEDIA_TYPE_415, "Unsupported Content-Type " + contentType
                    + "; use application/json.");
        }
        try {
            return Json.read(bytes);
        } catch (IOException e) {
            throw new BadRequest(Status.BAD_REQUEST_400, "Request body is not valid JSON.");
        }
    }

    private List<GraphQLRequest> batchOperations(List<?> entries) throws BadRequest {
        if (settings.maxBatchSize() <= 0) {
            throw new BadRequest(Status.BAD_REQUEST_400, "BATCHING_DISABLED", "Batched operations (a JSON array body) are "
                    + "disabled on this gateway (GATEWAY_MAX_BATCH_SIZE=0); send one operation per request.");
        }
        if (entries.isEmpty()) {
            throw new BadRequest(Status.BAD_REQUEST_400, "A batch must contain at least one operation.");
        }
        if (entries.size() > settings.maxBatchSize()) {
            throw new BadRequest(Status.BAD_REQUEST_400, "BATCH_LIMIT_EXCEEDED", "The batch has " + entries.size()
                    + " operations, more than the maximum of " + settings.maxBatchSize() + " (GATEWAY_MAX_BATCH_SIZE).");
        }
        List<GraphQLRequest> operations = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            operations.add(toRequest(entries.get(i), "Batch entry " + i + ": "));
        }
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static GraphQLRequest toRequest(Object body, String where) throws BadRequest {
        if (!(body instanceof Map<?, ?> map)) {
            throw new BadRequest(Status.BAD_REQUEST_400, where + "Request body must be a JSON object.");
        }
        Object variables = map.get("variables");
        Object extensions = map.get("extensions");
        Object query = map.get("query");
        // only a persisted query hash (automatic persisted queries) may stand for the text
        if (!(query instanceof String) && !(query == null && extensions instanceof Map<?, ?> e && persistedQuery(e))) {
            throw new BadRequest(Status.BAD_REQUEST_400, where + "Request body must contain a string 'query'.");
        }
        Object operationName = map.get("operationName");
        if (variables != null && !(variables instanceof Map) || extensions != null && !(extensions instanceof Map)
                || operationName != null && !(operationName instanceof String)) {
            throw new BadRequest(Status.BAD_REQUEST_400, where
                    + "'variables' and 'extensions' must be objects, 'operationName' a string.");
        }
        return new GraphQLRequest((String) query, (String) operationName, (Map<String, Object>) variables,
                (Map<String, Object>) extensions);
    }

    private static boolean persistedQuery(Map<?, ?> extensions) {
        return extensions != null && extensions.get("persistedQuery") != null;
    }

    /** The body's JSON, written when the answer is sent. */
    private interface JsonBody {
        byte[] bytes() throws IOException;
    }

    private void respond(ServerResponse res, Status status, JsonBody body, boolean graphqlResponse) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, (graphqlResponse ? GRAPHQL_RESPONSE : "application/json") + "; charset=utf-8");
        // one byte array with its Content-Length, sent in one write: a streamed (chunked) body goes
        // out in two writes, and the second waits for the client's delayed ACK (40 ms stalls seen)
        try {
            res.send(body.bytes());
        } catch (IOException e) {
            res.status(Status.INTERNAL_SERVER_ERROR_500).send();
        }
    }

    private static String peerAddress(ServerRequest req) {
        return req.remotePeer().address() instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : req.remotePeer().host();
    }
}
