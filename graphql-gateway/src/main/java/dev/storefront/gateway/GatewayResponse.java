package dev.storefront.gateway;

import dev.storefront.gateway.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The result of one request: a body built as a map (request errors, refusals), or the JSON bytes
 * the response writer wrote in one pass (executed operations). Either way its JSON is written or
 * kept once, however many requests sharing one execution are answered with it.
 */
public final class GatewayResponse {
    private final boolean requestError;
    private final boolean mutation;
    private final int httpStatus;
    private final boolean hasErrors;
    private volatile Map<String, Object> body;
    private volatile byte[] json;

    /**
     * @param body the body ({@code errors}, {@code data}, {@code extensions})
     * @param requestError true when the request failed before execution (syntax, validation,
     *                     variables): no {@code data} key, and HTTP 400 under the GraphQL-over-HTTP media type
     * @param mutation the selected operation is a mutation
     * @param httpStatus the status this response must have whatever the media type (405: a mutation
     *                   sent over GET, not executed; 400: a malformed persisted query request), or 0
     *                   when the GraphQL-over-HTTP rules decide
     */
    public GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation, int httpStatus) {
        this.body = body;
        this.requestError = requestError;
        this.mutation = mutation;
        this.httpStatus = httpStatus;
        this.hasErrors = body.get("errors") instanceof List<?> errors && !errors.isEmpty();
    }

    public GatewayResponse(Map<String, Object> body, boolean requestError, boolean mutation) {
        this(body, requestError, mutation, 0);
    }

    private GatewayResponse(byte[] json, boolean hasErrors, boolean mutation) {
        this.json = json;
        this.hasErrors = hasErrors;
        this.mutation = mutation;
        this.requestError = false;
        this.httpStatus = 0;
    }

    /** An executed operation's response, its body already written as JSON. */
    public static GatewayResponse written(byte[] json, boolean hasErrors, boolean mutation) {
        return new GatewayResponse(json, hasErrors, mutation);
    }

    public boolean requestError() {
        return requestError;
    }

    public boolean mutation() {
        return mutation;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The body has a non-empty {@code errors} list. */
    public boolean hasErrors() {
        return hasErrors;
    }

    /** The body as a map; of a written response, read back from its JSON (tests and rare paths only). */
    public Map<String, Object> body() {
        Map<String, Object> known = body;
        if (known == null) {
            synchronized (this) {
                known = body;
                if (known == null) {
                    try {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> read = (Map<String, Object>) Json.read(json);
                        known = read;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    body = known;
                }
            }
        }
        return known;
    }

    /** The body as UTF-8 JSON (never changed afterwards: callers must not change it). */
    public byte[] json() throws IOException {
        byte[] known = json;
        if (known == null) {
            synchronized (this) {
                known = json;
                if (known == null) {
                    known = Json.bytes(body);
                    json = known;
                }
            }
        }
        return known;
    }
}
