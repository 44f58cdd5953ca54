package dev.storefront.subgraph.federation;

import java.nio.charset.StandardCharsets;
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
        Map<String, Object> body;
        try {
            body = GraphQlJson.readObject(req.content().as(byte[].class));
        } catch (GraphQlJson.NotAnObjectException e) {
            requestError(req, res, Status.BAD_REQUEST_400,
                    e.syntax() ? "The request body is not valid JSON" : "The request body must be a JSON object");
            return;
        }
        Object query = body.get("query");
        Object operationName = body.get("operationName");
        Object variables = body.get("variables");
        Object extensions = body.get("extensions");
        if (!(query instanceof String)) {
            requestError(req, res, Status.BAD_REQUEST_400, "'query' must be a string");
        } else if (operationName != null && !(operationName instanceof String)) {
            requestError(req, res, Status.BAD_REQUEST_400, "'operationName' must be a string");
        } else if (variables != null && !(variables instanceof Map)) {
            requestError(req, res, Status.BAD_REQUEST_400, "'variables' must be an object");
        } else if (extensions != null && !(extensions instanceof Map)) {
            requestError(req, res, Status.BAD_REQUEST_400, "'extensions' must be an object");
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> given = variables == null ? Map.of() : (Map<String, Object>) variables;
            execute(req, res, (String) query, (String) operationName, given);
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
                variables = GraphQlJson.readObject(params.get("variables").getBytes(StandardCharsets.UTF_8));
            } catch (GraphQlJson.NotAnObjectException e) {
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
        res.send(GraphQlJson.write(result));
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
        res.send(GraphQlJson.requestError(message));
    }
}
