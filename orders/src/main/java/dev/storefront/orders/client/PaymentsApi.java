package dev.storefront.orders.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The payments service's internal endpoints ({@code /internal/payments}, JSON-B bodies). A 4xx
 * answer, and the authorization's 504 PROVIDER_TIMEOUT, is an {@link ErrorAnswer}
 * ({@code {"code","message"}}; 402 and 504 add {@link Failure#paymentId}). A failed exchange is an
 * {@link java.io.UncheckedIOException}, an answer that is not the contract's JSON a
 * {@link jakarta.json.bind.JsonbException}.
 */
public final class PaymentsApi {

    private static final java.lang.reflect.Type PAYMENTS = new ListOf(PaymentBody.class);

    private final InternalHttp http;

    PaymentsApi(InternalHttp http) {
        this.http = http;
    }

    PaymentState authorize(String idempotencyKey, Authorization request) {
        return http.exchange("PUT", "/authorizations/{idempotencyKey}", "/authorizations/" + InternalHttp.segment(idempotencyKey),
                request, PaymentState.class);
    }

    PaymentState capture(String paymentId, NoBody request) {
        return http.exchange("POST", "/{paymentId}/capture", "/" + InternalHttp.segment(paymentId) + "/capture", request,
                PaymentState.class);
    }

    PaymentState voidAuthorization(String paymentId, NoBody request) {
        return http.exchange("POST", "/{paymentId}/void", "/" + InternalHttp.segment(paymentId) + "/void", request,
                PaymentState.class);
    }

    PaymentState refund(String paymentId, Refund request) {
        return http.exchange("POST", "/{paymentId}/refund", "/" + InternalHttp.segment(paymentId) + "/refund", request,
                PaymentState.class);
    }

    List<PaymentBody> byOrder(String orderId) {
        return http.exchange("GET", "?orderId={orderId}", "?orderId=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8), null, PAYMENTS);
    }

    /** A hold on a card for an order. */
    public record Authorization(String orderId, String userId, MoneyBody amount, String method, String cardNumber) {
    }

    /** A refund; its key makes a repeated refund count once. */
    public record Refund(MoneyBody amount, String idempotencyKey) {
    }

    /** The empty object capture and void are sent with. */
    public record NoBody() {
        static final NoBody INSTANCE = new NoBody();
    }

    /** Where a payment stands after a call. */
    public record PaymentState(String paymentId, String status) {
    }

    /** 402 (declined) and 504 (provider timeout): the payment that records it. */
    public record Failure(String code, String message, String paymentId, String status) {
    }

    /** A payment of an order (fields orders does not use are left out). */
    public record PaymentBody(String paymentId, String status, MoneyBody amount, MoneyBody capturedAmount, MoneyBody refundedAmount) {
    }
}
