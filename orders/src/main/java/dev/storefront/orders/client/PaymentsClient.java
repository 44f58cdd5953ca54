package dev.storefront.orders.client;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.subgraph.types.Money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The payments service, as orders needs it, under fault tolerance. Every call is idempotent by the
 * contract — an authorization is keyed (same key, same payment, never a second hold), capture and
 * void succeed again once their state is reached, a refund carries its own key — so a call whose
 * answer was lost is safe to send again: hence {@code @Retry} on all of them. The authorization's
 * timeout leaves room for the provider's own (simulated) delay before it answers 504.
 * Every annotation value can be overridden by MP Config ({@code <class>/<method>/<Annotation>/<field>}).
 */
@ApplicationScoped
public class PaymentsClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "payments";

    private final PaymentsApi api;

    @Inject
    public PaymentsClient(@ConfigProperty(name = "payments.url") String url,
                          @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                          @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs) {
        this.api = JsonResponse.client(PaymentsApi.class, url, connectTimeoutMs, readTimeoutMs);
    }

    /**
     * Hold an amount on a card.
     *
     * @param key        idempotency key (the order id: one authorization per order)
     * @param orderId    the order
     * @param userId     the account the order belongs to: payments shows the payment to it (and admins) only
     * @param amount     amount to hold
     * @param cardNumber the card
     * @return the outcome
     */
    @Asynchronous
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<AuthorizationOutcome> authorize(String key, String orderId, String userId, Money amount,
                                                           String cardNumber) {
        String body = Json.createObjectBuilder()
                .add("orderId", orderId)
                .add("userId", userId)
                .add("amount", money(amount))
                .add("method", "CARD")
                .add("cardNumber", cardNumber)
                .build().toString();
        JsonResponse response = JsonResponse.call(SERVICE_NAME, "authorization for " + orderId, () -> api.authorize(key, body), 504);
        AuthorizationOutcome outcome = switch (response.status()) {
            case 200, 201 -> authorized(response);
            case 402 -> new AuthorizationOutcome.Declined(response.code(), response.message(),
                    response.object().getString("paymentId", null));
            case 504 -> new AuthorizationOutcome.ProviderTimeout(response.message());
            // another request with this key is still at the provider: ask again (retried) rather than give up
            case 409 -> "AUTHORIZATION_IN_PROGRESS".equals(response.code())
                    ? throwInProgress(response)
                    : new AuthorizationOutcome.Refused(response.code(), response.message());
            default -> throw response.unexpected();
        };
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * Take the authorized amount (on shipment).
     *
     * @param paymentId the payment
     * @return {@code null} when captured (now or before), else the service's refusal message
     */
    @Asynchronous
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<String> capture(String paymentId) {
        return CompletableFuture.completedFuture(settle("capture", paymentId,
                () -> api.capture(paymentId, "{}")));
    }

    /**
     * Release an authorized amount that will not be taken.
     *
     * @param paymentId the payment
     * @return {@code null} when voided (now or before), else the service's refusal message
     */
    @Asynchronous
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<String> voidAuthorization(String paymentId) {
        return CompletableFuture.completedFuture(settle("void", paymentId,
                () -> api.voidAuthorization(paymentId, "{}")));
    }

    /**
     * Return captured money. The refund carries a key derived from the payment, so a repeated
     * refund (a retry, recovery running it again) is applied once.
     *
     * @param paymentId the payment
     * @param amount    how much
     * @return {@code null} when refunded, else the service's refusal message
     */
    @Asynchronous
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 20, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<String> refund(String paymentId, Money amount) {
        String body = Json.createObjectBuilder().add("amount", money(amount))
                .add("idempotencyKey", "orders-refund-" + paymentId).build().toString();
        return CompletableFuture.completedFuture(settle("refund", paymentId, () -> api.refund(paymentId, body)));
    }

    /**
     * The payments of an order, for recovery: did an authorization happen before a crash?
     *
     * @param orderId the order
     * @return its payments
     */
    @Asynchronous
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 15, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<List<PaymentSummary>> paymentsOf(String orderId) {
        JsonResponse response = JsonResponse.call(SERVICE_NAME, "payments of " + orderId, () -> api.byOrder(orderId), 0);
        if (response.status() != 200 || !(response.body() instanceof JsonArray payments)) {
            throw response.unexpected();
        }
        List<PaymentSummary> summaries = new ArrayList<>();
        for (JsonValue value : payments) {
            try {
                JsonObject payment = value.asJsonObject();
                JsonObject amount = payment.getJsonObject("amount");
                summaries.add(new PaymentSummary(payment.getString("paymentId"), payment.getString("status"),
                        new Money(amount.getInt("amountMinor"), amount.getString("currency")),
                        minorOr(payment, "capturedAmount"), minorOr(payment, "refundedAmount")));
            } catch (RuntimeException e) {
                throw response.unexpected();
            }
        }
        return CompletableFuture.completedFuture(summaries);
    }

    private String settle(String what, String paymentId, java.util.function.Supplier<jakarta.ws.rs.core.Response> call) {
        JsonResponse response = JsonResponse.call(SERVICE_NAME, what + " of " + paymentId, call, 0);
        return switch (response.status()) {
            case 200 -> null;
            case 404, 409 -> response.code() + ": " + response.message();
            default -> throw response.unexpected();
        };
    }

    private static AuthorizationOutcome throwInProgress(JsonResponse response) {
        throw new RemoteServiceException("payments is still authorizing this order: " + response.message());
    }

    private static AuthorizationOutcome authorized(JsonResponse response) {
        String id = response.object().getString("paymentId", null);
        String status = response.object().getString("status", "");
        if (id == null) {
            throw response.unexpected();
        }
        // a repeated request answers the payment as it is now: held or taken is success, anything else is not
        return "AUTHORIZED".equals(status) || "CAPTURED".equals(status)
                ? new AuthorizationOutcome.Authorized(id)
                : new AuthorizationOutcome.Refused(status, "Payment " + id + " for this order is " + status);
    }

    private static int minorOr(JsonObject payment, String field) {
        return payment.get(field) instanceof JsonObject amount ? amount.getInt("amountMinor", 0) : 0;
    }

    private static JsonObjectBuilder money(Money amount) {
        return Json.createObjectBuilder().add("amountMinor", amount.getAmountMinor()).add("currency", amount.getCurrency());
    }
}
