package dev.storefront.payments.api.internal;

import java.util.List;

import dev.storefront.payments.domain.AuthorizationRequest;
import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.domain.PaymentFailureCode;
import dev.storefront.payments.domain.PaymentMethod;
import dev.storefront.payments.domain.PaymentRejectedException;
import dev.storefront.payments.domain.PaymentRejectedException.Reason;
import dev.storefront.payments.service.PaymentService;
import dev.storefront.subgraph.internal.JsonRoutes;
import dev.storefront.subgraph.internal.JsonRoutes.Answer;
import dev.storefront.subgraph.types.Money;

import io.helidon.microprofile.server.RoutingPath;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Payments for the checkout saga: authorize (idempotent per key), capture on shipment, void,
 * refund, and list an order's payments for recovery. Request bodies are parsed here rather than
 * bound, so malformed JSON or a wrongly typed field is a 400 naming the field; answers are
 * {@link Answers} records written by JSON-B, a refused operation its {@link PaymentRejectedException}'s
 * code, status and the payment as it stands.
 */
@ApplicationScoped
@RoutingPath("/internal/payments")
public class InternalPaymentsRoutes implements HttpService {

    /** HTTP 402: the contract's answer to a declined card. */
    private static final int PAYMENT_REQUIRED = 402;

    private final PaymentService payments;

    @Inject
    public InternalPaymentsRoutes(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/authorizations/{idempotencyKey}", json(this::authorize))
                .any("/authorizations/{idempotencyKey}", JsonRoutes.methodNotAllowed("PUT"))
                .post("/{paymentId}/capture", json(this::capture))
                .post("/{paymentId}/void", json(this::voidAuthorization))
                .post("/{paymentId}/refund", json(this::refund))
                .any("/{paymentId}/capture", JsonRoutes.methodNotAllowed("POST"))
                .any("/{paymentId}/void", JsonRoutes.methodNotAllowed("POST"))
                .any("/{paymentId}/refund", JsonRoutes.methodNotAllowed("POST"))
                .get("/", json(this::ofOrder))
                .any("/", JsonRoutes.methodNotAllowed("GET"));
    }

    private static Handler json(JsonRoutes.Route route) {
        return JsonRoutes.json(route, InternalPaymentsRoutes::rejected);
    }

    private Answer authorize(ServerRequest request) {
        String idempotencyKey = JsonRoutes.pathParameter(request, "idempotencyKey");
        JsonObject json = JsonRoutes.object(request);
        String method = requiredString(json, "method");
        AuthorizationRequest authorization = new AuthorizationRequest(
                requiredString(json, "orderId"),
                optionalString(json, "userId"),
                money(json, "amount"),
                parseMethod(method),
                requiredString(json, "cardNumber"));
        Payment payment = payments.authorize(idempotencyKey, authorization);
        // a repeated key answers as the first request did; a payment captured, voided or refunded
        // since then was authorized, and its current status tells the caller where it stands
        return switch (payment.getStatus()) {
            case DECLINED -> Answer.of(PAYMENT_REQUIRED, Answers.ErrorBody.about(payment,
                    payment.getFailureCode().name(), declineMessage(payment.getFailureCode())));
            case FAILED -> Answer.of(504, Answers.ErrorBody.about(payment,
                    payment.getFailureCode().name(), "The card provider did not answer in time; nothing was authorized"));
            default -> Answer.ok(Answers.PaymentState.of(payment));
        };
    }

    private Answer capture(ServerRequest request) {
        return Answer.ok(Answers.PaymentState.of(payments.capture(JsonRoutes.pathParameter(request, "paymentId"))));
    }

    private Answer voidAuthorization(ServerRequest request) {
        return Answer.ok(Answers.PaymentState.of(payments.voidAuthorization(JsonRoutes.pathParameter(request, "paymentId"))));
    }

    private Answer refund(ServerRequest request) {
        String paymentId = JsonRoutes.pathParameter(request, "paymentId");
        JsonObject json = JsonRoutes.object(request);
        JsonValue key = json.get("idempotencyKey");
        if (key != null && key != JsonValue.NULL && !(key instanceof JsonString)) {
            throw invalid("idempotencyKey must be a string");
        }
        return Answer.ok(Answers.PaymentState.of(payments.refund(paymentId, money(json, "amount"),
                key instanceof JsonString s ? s.getString() : null)));
    }

    private Answer ofOrder(ServerRequest request) {
        String orderId = request.query().first("orderId").asOptional().orElseThrow(() -> invalid("Query parameter orderId is required"));
        List<Answers.PaymentBody> found = payments.ofOrder(orderId).stream().map(Answers.PaymentBody::of).toList();
        return Answer.ok(found);
    }

    /** A refused payment operation: its stable code, message, and the payment as it stands. */
    private static Answer rejected(RuntimeException failure) {
        if (!(failure instanceof PaymentRejectedException e)) {
            return null;
        }
        Answers.ErrorBody body = e.payment() == null
                ? Answers.ErrorBody.of(e.reason().name(), e.getMessage())
                : Answers.ErrorBody.about(e.payment(), e.reason().name(), e.getMessage());
        Answer answer = Answer.of(statusOf(e.reason()), body);
        return e.reason() == Reason.AUTHORIZATION_IN_PROGRESS ? answer.withHeader("Retry-After", "1") : answer;
    }

    private static int statusOf(Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case INVALID_REQUEST, INVALID_AMOUNT -> 400;
            case INVALID_TRANSITION, REFUND_EXCEEDS_CAPTURED, IDEMPOTENCY_KEY_REUSED, AUTHORIZATION_IN_PROGRESS -> 409;
        };
    }

    private static String requiredString(JsonObject json, String field) {
        if (json.get(field) instanceof JsonString s) {
            return s.getString();
        }
        throw invalid("Field '" + field + "' is required and must be a string");
    }

    private static String optionalString(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw invalid("Field '" + field + "' must be a string when present");
    }

    private static Money money(JsonObject json, String field) {
        if (!(json.get(field) instanceof JsonObject amount)) {
            throw new PaymentRejectedException(Reason.INVALID_AMOUNT,
                    "Field '" + field + "' is required: {\"amountMinor\": integer, \"currency\": \"EUR\"}", null);
        }
        if (!(amount.get("amountMinor") instanceof JsonNumber minor) || !minor.isIntegral()
                || minor.bigIntegerValue().bitLength() > 31) {
            throw new PaymentRejectedException(Reason.INVALID_AMOUNT,
                    "Field '" + field + ".amountMinor' must be an integer number of minor units", null);
        }
        if (!(amount.get("currency") instanceof JsonString currency)) {
            throw new PaymentRejectedException(Reason.INVALID_AMOUNT,
                    "Field '" + field + ".currency' must be an ISO 4217 code", null);
        }
        return new Money(minor.intValue(), currency.getString());
    }

    private static PaymentMethod parseMethod(String method) {
        try {
            return PaymentMethod.valueOf(method);
        } catch (IllegalArgumentException e) {
            throw invalid("Unsupported method '" + method + "'; supported: CARD");
        }
    }

    private static PaymentRejectedException invalid(String message) {
        return new PaymentRejectedException(Reason.INVALID_REQUEST, message, null);
    }

    /** What the shopper is told (orders passes it on as the order's reason): in words, the code stays in {@code code}. */
    private static String declineMessage(PaymentFailureCode code) {
        return switch (code) {
            case INSUFFICIENT_FUNDS -> "The card was declined: not enough funds for this amount";
            case PAYMENT_DECLINED, PROVIDER_TIMEOUT -> "The card was declined by its issuer";
        };
    }
}
