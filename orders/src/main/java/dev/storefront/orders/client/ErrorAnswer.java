package dev.storefront.orders.client;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;

/**
 * A 4xx answer, or a 5xx the contract defines (payments' 504 PROVIDER_TIMEOUT), as thrown by the
 * REST client ({@link ErrorAnswerMapper}): its status and body, read as the record the contract
 * gives it. Every error body has at least {@code {"code","message"}} ({@link ErrorBody}).
 */
final class ErrorAnswer extends RuntimeException {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final int status;
    private final String body;

    ErrorAnswer(int status, String body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body == null ? "" : body;
    }

    int status() {
        return status;
    }

    /** @return the body as sent */
    String text() {
        return body;
    }

    /**
     * @param type the record the contract gives this answer
     * @return the body read as it, or {@code null} when it is not that JSON
     */
    <T> T body(Class<T> type) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return JSONB.fromJson(body, type);
        } catch (JsonbException e) {
            return null;
        }
    }

    /** @return the body's {@code code}, or {@code ""} */
    String code() {
        ErrorBody error = body(ErrorBody.class);
        return error == null || error.code() == null ? "" : error.code();
    }

    /** @return the body's {@code message}, or a generic one naming the service and status */
    String message(String service) {
        ErrorBody error = body(ErrorBody.class);
        return error == null || error.message() == null ? service + " answered " + status : error.message();
    }

    /** @return the answer as one the contract does not define */
    UnexpectedResponseException unexpected(String service) {
        return new UnexpectedResponseException(service + " answered " + status + " " + InternalCall.abbreviate(body));
    }
}
