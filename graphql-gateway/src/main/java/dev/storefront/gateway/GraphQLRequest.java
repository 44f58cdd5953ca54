package dev.storefront.gateway;

import java.util.Map;

/**
 * A GraphQL request as it arrives over HTTP (already decoded from JSON or query parameters).
 * {@code query} is null when the client sent only a persisted query hash.
 */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables,
                             Map<String, Object> extensions) {
    GraphQLRequest withQuery(String text) {
        return new GraphQLRequest(text, operationName, variables, extensions);
    }
}
