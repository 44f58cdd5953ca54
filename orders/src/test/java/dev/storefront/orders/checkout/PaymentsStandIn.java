package dev.storefront.orders.checkout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.client.AuthorizationOutcome;
import dev.storefront.orders.client.PaymentSummary;
import dev.storefront.orders.client.PaymentsClient;
import dev.storefront.subgraph.types.Money;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * Stands in for the payments client in orders' own checkout tests, by card number as payments'
 * simulated provider does: {@value #APPROVED} is authorized, {@value #DECLINED} declined, and
 * {@value #SLOW} is left at the provider (PENDING) while the call runs out of the request's
 * deadline. Its answers reach the saga directly (the client's fault tolerance is {@code CallGuardTest}'s).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class PaymentsStandIn extends PaymentsClient {

    static final String APPROVED = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String SLOW = "4000000000009999";
    /** Payments answers 504: its card provider did not answer in time, nothing authorized. */
    static final String PROVIDER_TIMEOUT = "4000000000000119";

    @Override
    public CompletionStage<AuthorizationOutcome> authorize(String key, String orderId, String userId, Money amount,
                                                           String cardNumber) {
        return CompletableFuture.completedFuture(PeerLedger.authorize(orderId, amount, cardNumber));
    }

    @Override
    public CompletionStage<String> voidAuthorization(String paymentId) {
        return CompletableFuture.completedFuture(PeerLedger.voidPayment(paymentId));
    }

    @Override
    public CompletionStage<String> capture(String paymentId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<String> refund(String paymentId, Money amount) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<List<PaymentSummary>> paymentsOf(String orderId) {
        return CompletableFuture.completedFuture(PeerLedger.paymentsOf(orderId));
    }
}
