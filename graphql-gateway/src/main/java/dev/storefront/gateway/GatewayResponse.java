package dev.storefront.gateway;

import java.util.Map;

/**
 * The result of one request.
 *
 * @param body the JSON body ({@code errors}, {@code data}, {@code extensions})
 * @param requestError true when the request failed before execution (syntax, validation,
 *                     variables): no {@code data} key, and HTTP 400 under the GraphQL-over-HTTP media type
 * @param mutation the selected operation is a mutation
 * @param httpStatus the status this response must have whatever the media type (405: a mutation
 *                   sent over GET, not executed; 400: a malformed persisted query request), or 0
 *                   when the GraphQL-over-HTTP rules decide
 */
public record GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation, int httpStatus) {
    public GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation) {
        this(body, requestError, mutation, 0);
    }
}
