package dev.storefront.gateway;

import java.util.Map;

/** A GraphQL request as it arrives over HTTP (already decoded from JSON or query parameters). */
public record GraphQLRequest(String query, String operationName, Map<String, Object> variables,
                             Map<String, Object> extensions) {
}
