package dev.storefront.subgraph.federation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.storefront.subgraph.database.SqlErrors;
import dev.storefront.subgraph.types.ErrorCode;

import io.helidon.graphql.server.InvocationHandler;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;

/**
 * Finishes the errors of every response: each gets a code a client can act on in
 * {@code extensions.code} ({@link ErrorCode}: {@code UNAUTHENTICATED}, {@code FORBIDDEN},
 * {@code BAD_USER_INPUT}..., {@code SERVICE_UNAVAILABLE} when the database cannot be reached,
 * {@code INTERNAL_SERVER_ERROR} for anything else unexpected), every
 * internal error is logged with its cause (Helidon masks it for the client as the default error
 * message and logs nothing, so a failure under load left no trace), and exceptions raised while
 * fetching get their whole path again.
 *
 * <p>Paths: Helidon 4.1.2 writes an exception's error with only the first path segment ({@code ["_entities"]} for a field refused
 * inside the second entity, instead of {@code ["_entities", 1, "orders"]}), so neither a gateway
 * nor a client can tell which entity or field failed; and once one such error exists it drops
 * every other error of the response (e.g. an {@code _entities} "not found" at another position).
 * Helidon's messages stay as they are (its exception allow and deny lists decide what a client
 * reads); paths are restored from the errors graphql-java produced, and the dropped errors are
 * put back in graphql-java's order. Later Helidon versions write whole paths themselves;
 * restoring then changes nothing.
 */
final class ErrorReportingHandler implements InvocationHandler {

    private static final System.Logger LOGGER = System.getLogger(ErrorReportingHandler.class.getName());

    /** What a client reads when the database cannot be reached (Helidon's default message says only "internal error"). */
    static final String UNAVAILABLE_MESSAGE = "The service is unavailable right now: try again shortly";

    /** Hands each execution the errors holder of the request that started it (the calling thread). */
    private static final ThreadLocal<CapturedErrors> CURRENT = new ThreadLocal<>();

    /** Records the errors of every execution for {@link #execute}; to be installed on the {@code GraphQL}. */
    static final Instrumentation CAPTURE = new SimplePerformantInstrumentation() {
        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
            // called on the thread that calls GraphQL.execute, before any fetcher runs
            return CompletableFuture.completedFuture(CURRENT.get());
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                            InstrumentationExecutionParameters parameters,
                                                                            InstrumentationState state) {
            if (state instanceof CapturedErrors captured) {
                captured.errors = List.copyOf(result.getErrors());
            }
            return CompletableFuture.completedFuture(result);
        }
    };

    private static final class CapturedErrors implements InstrumentationState {
        private volatile List<GraphQLError> errors;
    }

    private final InvocationHandler helidon;

    /** @param helidon Helidon's handler, executing with {@link #CAPTURE} installed */
    ErrorReportingHandler(InvocationHandler helidon) {
        this.helidon = helidon;
    }

    @Override
    public Map<String, Object> execute(String query, String operationName, Map<String, Object> variables) {
        CapturedErrors captured = new CapturedErrors();
        CURRENT.set(captured);
        Map<String, Object> result;
        try {
            result = helidon.execute(query, operationName, variables);
        } finally {
            CURRENT.remove();
        }
        return restore(result, captured.errors);
    }

    /**
     * Helidon's answer with whole paths and codes: when Helidon wrote its own list (one entry per
     * exception or validation error, in order), each exception's entry gets the path graphql-java
     * gave it, and the errors Helidon left out are put back where graphql-java had them; when it
     * printed graphql-java's list as it is, that list gets the codes.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> restore(Map<String, Object> result, List<GraphQLError> errors) {
        if (errors == null || !(result.get("errors") instanceof List<?> written)) {
            return result;
        }
        errors.forEach(ErrorReportingHandler::logIfInternal);
        List<GraphQLError> rewritten = errors.stream()
                .filter(e -> e instanceof ExceptionWhileDataFetching || e instanceof ValidationError)
                .toList();
        List<Map<String, Object>> restored = new ArrayList<>(errors.size());
        if (!rewritten.isEmpty() && written.size() == rewritten.size()) {
            Iterator<?> helidonEntries = written.iterator();
            for (GraphQLError error : errors) {
                if (error instanceof ExceptionWhileDataFetching || error instanceof ValidationError) {
                    Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) helidonEntries.next());
                    if (error instanceof ExceptionWhileDataFetching && error.getPath() != null && !error.getPath().isEmpty()) {
                        entry.put("path", List.copyOf(error.getPath()));
                    }
                    restored.add(withCode(entry, error));
                } else {
                    restored.add(withCode(error.toSpecification(), error));
                }
            }
        } else if (written.size() == errors.size()) {
            // graphql-java's own errors, printed in its order
            for (int i = 0; i < errors.size(); i++) {
                restored.add(withCode((Map<String, Object>) written.get(i), errors.get(i)));
            }
        } else {
            return result; // a shape this does not know: left as Helidon wrote it
        }
        Map<String, Object> copy = new HashMap<>(result);
        copy.put("errors", restored);
        return copy;
    }

    /**
     * @param error an error of graphql-java's result
     * @return the code a client reads in {@code extensions.code}, or null for an error that names its own or none is known
     */
    static String codeOf(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching fetching) {
            Throwable cause = causeOf(fetching);
            if (cause instanceof ErrorCode coded) {
                return coded.code();
            }
            return SqlErrors.isConnectionFailure(cause) ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_SERVER_ERROR;
        }
        if (error instanceof ValidationError) {
            return "GRAPHQL_VALIDATION_FAILED";
        }
        if (error.getErrorType() == ErrorType.InvalidSyntax) {
            return "GRAPHQL_PARSE_FAILED";
        }
        if (error.getErrorType() == ErrorType.ValidationError) {
            return ErrorCode.BAD_USER_INPUT; // e.g. a variable of the wrong type
        }
        return null;
    }

    private static Map<String, Object> withCode(Map<String, Object> entry, GraphQLError error) {
        Map<String, Object> extensions = entry.get("extensions") instanceof Map<?, ?> existing
                ? new LinkedHashMap<>((Map<String, Object>) existing) : new LinkedHashMap<>();
        String code = codeOf(error);
        if (extensions.containsKey("code") || code == null) {
            return entry;
        }
        extensions.put("code", code);
        Map<String, Object> coded = new LinkedHashMap<>(entry);
        if (ErrorCode.SERVICE_UNAVAILABLE.equals(code)) {
            coded.put("message", UNAVAILABLE_MESSAGE);
        }
        coded.put("extensions", extensions);
        return coded;
    }

    private static void logIfInternal(GraphQLError error) {
        if (!(error instanceof ExceptionWhileDataFetching fetching)) {
            return;
        }
        Throwable cause = causeOf(fetching);
        if (cause instanceof ErrorCode) {
            return;
        }
        if (SqlErrors.isConnectionFailure(cause)) {
            // an outage fails every request alike: one line each, not a stack trace each
            LOGGER.log(System.Logger.Level.WARNING, "Database unreachable at " + error.getPath() + ": " + rootMessage(cause));
        } else {
            LOGGER.log(System.Logger.Level.ERROR, "Internal error at " + error.getPath() + ": " + cause, fetching.getException());
        }
    }

    /** @return what the data fetcher threw, unwrapped from the {@code GraphQLException}s Helidon and the entities fetcher put around it */
    private static Throwable causeOf(ExceptionWhileDataFetching error) {
        Throwable cause = error.getException();
        while (cause instanceof graphql.GraphQLException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error) : error + " (" + root + ")";
    }

    @Override
    public String schemaString() {
        return helidon.schemaString();
    }

    @Override
    public String defaultErrorMessage() {
        return helidon.defaultErrorMessage();
    }

    @Override
    public Set<String> blacklistedExceptions() {
        return helidon.blacklistedExceptions();
    }

    @Override
    public Set<String> whitelistedExceptions() {
        return helidon.whitelistedExceptions();
    }
}
