package dev.storefront.subgraph.federation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.helidon.graphql.server.InvocationHandler;

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
 * Gives exceptions raised while fetching their whole path again. Helidon 4.1.2 writes an
 * exception's error with only the first path segment ({@code ["_entities"]} for a field refused
 * inside the second entity, instead of {@code ["_entities", 1, "orders"]}), so neither a gateway
 * nor a client can tell which entity or field failed; and once one such error exists it drops
 * every other error of the response (e.g. an {@code _entities} "not found" at another position).
 * Helidon's messages stay as they are (its exception allow and deny lists decide what a client
 * reads); only paths are restored, from the errors graphql-java produced, and the dropped errors
 * are put back in graphql-java's order. Later Helidon versions write whole paths themselves;
 * restoring then changes nothing.
 */
final class ErrorPathRestoringHandler implements InvocationHandler {

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
    ErrorPathRestoringHandler(InvocationHandler helidon) {
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
     * Helidon's answer with whole paths: when Helidon wrote its own list (one entry per exception
     * or validation error, in order), each exception's entry gets the path graphql-java gave it,
     * and the errors Helidon left out are put back where graphql-java had them.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> restore(Map<String, Object> result, List<GraphQLError> errors) {
        if (errors == null || !(result.get("errors") instanceof List<?> written)) {
            return result;
        }
        List<GraphQLError> rewritten = errors.stream()
                .filter(e -> e instanceof ExceptionWhileDataFetching || e instanceof ValidationError)
                .toList();
        if (rewritten.isEmpty() || written.size() != rewritten.size()) {
            // Helidon printed graphql-java's errors as they are (whole paths), or something this does not know
            return result;
        }
        Iterator<?> helidonEntries = written.iterator();
        List<Map<String, Object>> restored = new ArrayList<>(errors.size());
        for (GraphQLError error : errors) {
            if (error instanceof ExceptionWhileDataFetching || error instanceof ValidationError) {
                Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) helidonEntries.next());
                if (error instanceof ExceptionWhileDataFetching && error.getPath() != null && !error.getPath().isEmpty()) {
                    entry.put("path", List.copyOf(error.getPath()));
                }
                restored.add(entry);
            } else {
                restored.add(error.toSpecification());
            }
        }
        Map<String, Object> copy = new HashMap<>(result);
        copy.put("errors", restored);
        return copy;
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
