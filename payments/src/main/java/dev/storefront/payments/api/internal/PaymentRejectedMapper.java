package dev.storefront.payments.api.internal;

import dev.storefront.payments.domain.PaymentRejectedException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused payment operation: its stable code, message, and the payment as it stands. */
@Provider
@ApplicationScoped
public class PaymentRejectedMapper implements ExceptionMapper<PaymentRejectedException> {

    @Override
    public Response toResponse(PaymentRejectedException e) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("code", e.reason().name())
                .add("message", e.getMessage());
        if (e.payment() != null) {
            body.add("paymentId", e.payment().getId()).add("status", e.payment().getStatus().name());
        }
        Response.ResponseBuilder response = Response.status(statusOf(e.reason()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body.build());
        if (e.reason() == PaymentRejectedException.Reason.AUTHORIZATION_IN_PROGRESS) {
            response.header("Retry-After", "1");
        }
        return response.build();
    }

    private static int statusOf(PaymentRejectedException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case INVALID_REQUEST, INVALID_AMOUNT -> 400;
            case INVALID_TRANSITION, REFUND_EXCEEDS_CAPTURED, IDEMPOTENCY_KEY_REUSED, AUTHORIZATION_IN_PROGRESS -> 409;
        };
    }
}
