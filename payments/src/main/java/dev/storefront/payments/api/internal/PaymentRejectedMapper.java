package dev.storefront.payments.api.internal;

import dev.storefront.payments.domain.PaymentRejectedException;

import jakarta.enterprise.context.ApplicationScoped;
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
        Answers.ErrorBody body = e.payment() == null
                ? Answers.ErrorBody.of(e.reason().name(), e.getMessage())
                : Answers.ErrorBody.about(e.payment(), e.reason().name(), e.getMessage());
        Response.ResponseBuilder response = Response.status(statusOf(e.reason()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body);
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
