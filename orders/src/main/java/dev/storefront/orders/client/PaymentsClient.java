package dev.storefront.orders.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import dev.storefront.subgraph.types.Money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The payments service, as orders needs it, each method under its own fault tolerance
 * ({@link CallGuard}: timeout, retries, circuit breaker, bulkhead with a queue). Every call is
 * idempotent by the contract — an authorization is keyed (same key, same payment, never a second
 * hold), capture and void succeed again once their state is reached, a refund carries its own key —
 * so a call whose answer was lost is safe to send again: hence the retries. The authorization's
 * timeout leaves room for the provider's own (simulated) delay before it answers 504; the lookup
 * for recovery is a quick read. The settings can be overridden by MP Config
 * ({@code clients.payments.max-retries}, {@code clients.payments.authorize.timeout-ms}, ...: see
 * {@link CallGuard.Settings#from}). What the answers mean is in {@link PaymentsCalls}.
 */
@ApplicationScoped
public class PaymentsClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "payments";

    /** Timeout 5 s per attempt, 2 retries 200 ms (±100) apart within 30 s, breaker at 50 % of 4, open 5 s, 16 at once + 256 queued. */
    static final CallGuard.Settings DEFAULTS = new CallGuard.Settings(Duration.ofSeconds(5), 2, Duration.ofMillis(200),
            Duration.ofMillis(100), Duration.ofSeconds(30), 16, 256, 4, 50, Duration.ofSeconds(5));

    private final PaymentsApi api;
    private final CallGuard authorizations;
    private final CallGuard captures;
    private final CallGuard voids;
    private final CallGuard refunds;
    private final CallGuard lookups;

    @Inject
    public PaymentsClient(@ConfigProperty(name = "payments.url") String url,
                          @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                          @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs,
                          CallGuards guards) {
        this.api = new PaymentsApi(new InternalHttp(SERVICE_NAME, url + "/internal/payments", connectTimeoutMs, readTimeoutMs));
        this.authorizations = guards.guard(PaymentsClient.class, SERVICE_NAME, "authorize",
                DEFAULTS.withTimeout(Duration.ofSeconds(8)));
        this.captures = guards.guard(PaymentsClient.class, SERVICE_NAME, "capture", DEFAULTS);
        this.voids = guards.guard(PaymentsClient.class, SERVICE_NAME, "voidAuthorization", DEFAULTS);
        this.refunds = guards.guard(PaymentsClient.class, SERVICE_NAME, "refund", DEFAULTS);
        this.lookups = guards.guard(PaymentsClient.class, SERVICE_NAME, "paymentsOf", DEFAULTS.withTimeout(Duration.ofSeconds(3)));
    }

    /** For CDI's proxy and for stand-ins in tests, which make no calls. */
    protected PaymentsClient() {
        this.api = null;
        this.authorizations = null;
        this.captures = null;
        this.voids = null;
        this.refunds = null;
        this.lookups = null;
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
    public CompletionStage<AuthorizationOutcome> authorize(String key, String orderId, String userId, Money amount,
                                                           String cardNumber) {
        return authorizations.call(() -> PaymentsCalls.authorize(api, key, orderId, userId, amount, cardNumber));
    }

    /**
     * Take the authorized amount (on shipment).
     *
     * @param paymentId the payment
     * @return {@code null} when captured (now or before), else the service's refusal message
     */
    public CompletionStage<String> capture(String paymentId) {
        return captures.call(() -> PaymentsCalls.capture(api, paymentId));
    }

    /**
     * Release an authorized amount that will not be taken.
     *
     * @param paymentId the payment
     * @return {@code null} when voided (now or before), else the service's refusal message
     */
    public CompletionStage<String> voidAuthorization(String paymentId) {
        return voids.call(() -> PaymentsCalls.voidAuthorization(api, paymentId));
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
        return refunds.call(() -> PaymentsCalls.refund(api, paymentId, amount));
    }

    /**
     * The payments of an order, for recovery: did an authorization happen before a crash?
     *
     * @param orderId the order
     * @return its payments
     */
    public CompletionStage<List<PaymentSummary>> paymentsOf(String orderId) {
        return lookups.call(() -> PaymentsCalls.paymentsOf(api, orderId));
    }
}
