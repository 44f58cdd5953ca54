package dev.storefront.gateway;

import java.util.Map;

/**
 * The result of one request.
 *
 * @param body the JSON body ({@code errors}, {@code data}, {@code extensions})
 * @param requestError true when the request failed before execution (syntax, validation,
 *                     variables): no {@code data} key, and HTTP 400 under the GraphQL-over-HTTP media type
 * @param mutation the selected operation is a mutation (not allowed over GET)
 */
public record GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation) {
}
