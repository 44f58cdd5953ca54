package dev.storefront.gateway;

import dev.storefront.gateway.json.Json;

import java.io.IOException;
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
 * @param serialized the body's JSON once written: requests sharing one execution share it too
 */
public record GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation, int httpStatus,
                              Serialized serialized) {
    public GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation, int httpStatus) {
        this(body, requestError, mutation, httpStatus, new Serialized());
    }

    public GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation) {
        this(body, requestError, mutation, 0);
    }

    /** The body as UTF-8 JSON, written once however many requests are answered with it. */
    public byte[] json() throws IOException {
        return serialized.of(body);
    }

    /** The body's JSON bytes, once written (never changed afterwards: callers must not change them). */
    public static final class Serialized {
        private volatile byte[] bytes;

        byte[] of(Map<String, Object> body) throws IOException {
            byte[] known = bytes;
            if (known == null) {
                synchronized (this) {
                    known = bytes;
                    if (known == null) {
                        known = Json.bytes(body);
                        bytes = known;
                    }
                }
            }
            return known;
        }
    }
}
