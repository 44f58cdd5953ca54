package dev.storefront.gateway;

import graphql.GraphQLError;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.validation.ValidationError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GraphQL errors as the gateway writes them into a response body, and request-error responses. */
final class GatewayErrors {
    /** Longest name echoed back in an error message; longer ones are cut (a client may send megabytes). */
    static final int MAX_ECHOED_NAME = 100;
    private static final Pattern LONG_NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{" + MAX_ECHOED_NAME + ",}");

    private GatewayErrors() {
    }

    /** A response refusing the request before execution: {@code errors} only, no {@code data}. */
    static GatewayResponse requestError(List<Map<String, Object>> errors, boolean mutation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", errors);
        return new GatewayResponse(body, true, mutation);
    }

    static GatewayResponse requestError(Map<String, Object> error, boolean mutation) {
        return requestError(List.of(error), mutation);
    }

    static Map<String, Object> error(String message, SourceLocation location) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", capEchoedNames(message));
        if (location != null && location.getLine() > 0) {
            error.put("locations", List.of(Map.of("line", location.getLine(), "column", location.getColumn())));
        }
        return error;
    }

    /** An error with {@code extensions.code}. */
    static Map<String, Object> error(String message, SourceLocation location, String code) {
        Map<String, Object> error = error(message, location);
        error.put("extensions", Map.of("code", code));
        return error;
    }

    /** An operation that cannot be planned: an error at the operation, with a code saying why. */
    static Map<String, Object> planningError(String message, OperationDefinition operation, String code) {
        return error(message, operation.getSourceLocation(), code);
    }

    /** The message with every name longer than {@link #MAX_ECHOED_NAME} cut, saying how long it was. */
    static String capEchoedNames(String message) {
        if (message == null || message.length() <= MAX_ECHOED_NAME) {
            return message;
        }
        return LONG_NAME.matcher(message).replaceAll(m -> Matcher.quoteReplacement(
                m.group().substring(0, MAX_ECHOED_NAME) + "... (" + m.group().length() + " characters)"));
    }

    static Map<String, Object> toJson(GraphQLError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", capEchoedNames(e.getMessage()));
        if (e.getLocations() != null && !e.getLocations().isEmpty()) {
            error.put("locations", e.getLocations().stream()
                    .map(l -> Map.of("line", l.getLine(), "column", l.getColumn())).toList());
        }
        if (e.getPath() != null && !e.getPath().isEmpty()) {
            error.put("path", e.getPath());
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (e instanceof ValidationError) {
            extensions.put("code", "GRAPHQL_VALIDATION_FAILED");
        } else if (e.getExtensions() != null) {
            extensions.putAll(e.getExtensions());
        }
        if (!extensions.isEmpty()) {
            error.put("extensions", extensions);
        }
        return error;
    }
}
