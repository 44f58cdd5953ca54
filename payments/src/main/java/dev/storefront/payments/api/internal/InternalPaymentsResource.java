package dev.storefront.payments.api.internal;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import dev.storefront.payments.domain.AuthorizationRequest;
import dev.storefront.payments.domain.Payment;
import dev.storefront.payments.domain.PaymentFailureCode;
import dev.storefront.payments.domain.PaymentMethod;
import dev.storefront.payments.domain.PaymentRejectedException.Reason;
import dev.storefront.payments.domain.PaymentRejectedException;
import dev.storefront.payments.service.PaymentService;
import dev.storefront.subgraph.types.Money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Payments for the checkout saga: authorize (idempotent per key), capture on shipment, void,
 * refund, and list an order's payments for recovery. Request bodies are parsed here rather than
 * bound, so malformed JSON or a wrongly typed field is a 400 naming the field; answers are
 * {@link Answers} records written by JSON-B.
 */
@Path("/internal/payments")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class InternalPaymentsResource {

    /** HTTP 402: the contract's answer to a declined card. */
    private static final int PAYMENT_REQUIRED = 402;
    /**
     * One factory for every body: {@code Json.createReader} looks the JSON-P provider up through
     * the ServiceLoader (a class-path scan) on every call. Factories are thread-safe.
     */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private final PaymentService payments;

    @Inject
    public InternalPaymentsResource(PaymentService payments) {
        this.payments = payments;
    }

    @PUT
    @Path("/authorizations/{idempotencyKey}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response authorize(@PathParam("idempotencyKey") String idempotencyKey, String body) {
        JsonObject json = parseObject(body);
        String method = requiredString(json, "method");
        AuthorizationRequest request = new AuthorizationRequest(
                requiredString(json, "orderId"),
                optionalString(json, "userId"),
                money(json, "amount"),
                parseMethod(method),
                requiredString(json, "cardNumber"));
        Payment payment = payments.authorize(idempotencyKey, request);
        // a repeated key answers as the first request did; a payment captured, voided or refunded
        // since then was authorized, and its current status tells the caller where it stands
        return switch (payment.getStatus()) {
            case DECLINED -> Response.status(PAYMENT_REQUIRED).entity(Answers.ErrorBody.about(payment,
                    payment.getFailureCode().name(), declineMessage(payment.getFailureCode()))).build();
            case FAILED -> Response.status(Response.Status.GATEWAY_TIMEOUT).entity(Answers.ErrorBody.about(payment,
                    payment.getFailureCode().name(), "The card provider did not answer in time; nothing was authorized")).build();
            default -> Response.ok(Answers.PaymentState.of(payment)).build();
        };
    }

    @POST
    @Path("/{paymentId}/capture")
    public Answers.PaymentState capture(@PathParam("paymentId") String paymentId) {
        return Answers.PaymentState.of(payments.capture(paymentId));
    }

    @POST
    @Path("/{paymentId}/void")
    public Answers.PaymentState voidAuthorization(@PathParam("paymentId") String paymentId) {
        return Answers.PaymentState.of(payments.voidAuthorization(paymentId));
    }

    @POST
    @Path("/{paymentId}/refund")
    @Consumes(MediaType.APPLICATION_JSON)
    public Answers.PaymentState refund(@PathParam("paymentId") String paymentId, String body) {
        JsonObject json = parseObject(body);
        JsonValue key = json.get("idempotencyKey");
        if (key != null && key != JsonValue.NULL && !(key instanceof JsonString)) {
            throw invalid("idempotencyKey must be a string");
        }
        return Answers.PaymentState.of(payments.refund(paymentId, money(json, "amount"),
                key instanceof JsonString s ? s.getString() : null));
    }

    @GET
    public List<Answers.PaymentBody> ofOrder(@QueryParam("orderId") String orderId) {
        if (orderId == null) {
            throw invalid("Query parameter orderId is required");
        }
        return payments.ofOrder(orderId).stream().map(Answers.PaymentBody::of).toList();
    }

    private static JsonObject parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("A JSON object body is required");
        }
        try (var reader = READERS.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw invalid("The body must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw invalid("The body is not valid JSON: " + e.getMessage());
        }
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
