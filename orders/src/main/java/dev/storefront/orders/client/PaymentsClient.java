package dev.storefront.orders.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.subgraph.types.Money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The payments service, as orders needs it, under fault tolerance declared once for every call
 * (each method keeps its own circuit breaker and bulkhead). Every call is idempotent by the
 * contract — an authorization is keyed (same key, same payment, never a second hold), capture and
 * void succeed again once their state is reached, a refund carries its own key — so a call whose
 * answer was lost is safe to send again: hence {@code @Retry}. The authorization's timeout leaves
 * room for the provider's own (simulated) delay before it answers 504; the lookup for recovery is a
 * quick read. Every value can be overridden by MP Config
 * ({@code dev.storefront.orders.client.PaymentsClient/Retry/maxRetries}, or per method
 * {@code .../authorize/Timeout/value}). What the answers mean is in {@link PaymentsCalls}: this
 * class holds nothing but the calls, so that fault tolerance wraps nothing else.
 */
@ApplicationScoped
@Asynchronous
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, jitter = 100, maxDuration = 30, durationUnit = ChronoUnit.SECONDS,
        abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                DeadlineExceededException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
@Bulkhead(value = 16, waitingTaskQueue = 256)
public class PaymentsClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "payments";

    private final PaymentsApi api;

    @Inject
    public PaymentsClient(@ConfigProperty(name = "payments.url") String url,
                          @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                          @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs) {
        this.api = InternalCall.client(PaymentsApi.class, url, connectTimeoutMs, readTimeoutMs);
    }

    /** For CDI's proxy and for stand-ins in tests, which make no calls. */
    protected PaymentsClient() {
        this.api = null;
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
    @Timeout(value = 8, unit = ChronoUnit.SECONDS)
    public CompletionStage<AuthorizationOutcome> authorize(String key, String orderId, String userId, Money amount,
                                                           String cardNumber) {
        return CompletableFuture.completedFuture(PaymentsCalls.authorize(api, key, orderId, userId, amount, cardNumber));
    }

    /**
     * Take the authorized amount (on shipment).
     *
     * @param paymentId the payment
     * @return {@code null} when captured (now or before), else the service's refusal message
     */
    public CompletionStage<String> capture(String paymentId) {
        return CompletableFuture.completedFuture(PaymentsCalls.capture(api, paymentId));
    }

    /**
     * Release an authorized amount that will not be taken.
     *
     * @param paymentId the payment
     * @return {@code null} when voided (now or before), else the service's refusal message
     */
    public CompletionStage<String> voidAuthorization(String paymentId) {
        return CompletableFuture.completedFuture(PaymentsCalls.voidAuthorization(api, paymentId));
    }

    /**
     * Return captured money. The refund carries a key derived from the payment, so a repeated
     * refund (a retry, recovery running it again) is applied once.
     *
     * @param paymentId the payment
     * @param amount    how much
     * @return {@code null} when refunded, else the service's refusal message
     */
    public CompletionStage<String> refund(String paymentId, Money amount) {
        return CompletableFuture.completedFuture(PaymentsCalls.refund(api, paymentId, amount));
    }

    /**
     * The payments of an order, for recovery: did an authorization happen before a crash?
     *
     * @param orderId the order
     * @return its payments
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    public CompletionStage<List<PaymentSummary>> paymentsOf(String orderId) {
        return CompletableFuture.completedFuture(PaymentsCalls.paymentsOf(api, orderId));
    }
}
