package dev.storefront.orders.client;

import java.util.ArrayList;
import java.util.List;

import dev.storefront.subgraph.types.Money;

/** What each answer of payments' internal contract means to orders; the calls {@link PaymentsClient} makes under fault tolerance. */
final class PaymentsCalls {

    private static final String SERVICE = PaymentsClient.SERVICE_NAME;
    private static final int PAYMENT_REQUIRED = 402;
    private static final int GATEWAY_TIMEOUT = 504;

    private PaymentsCalls() {
    }

    static AuthorizationOutcome authorize(PaymentsApi api, String key, String orderId, String userId, Money amount,
                                          String cardNumber) {
        PaymentsApi.Authorization request = new PaymentsApi.Authorization(orderId, userId, MoneyBody.of(amount), "CARD",
                cardNumber);
        PaymentsApi.PaymentState payment;
        try {
            payment = InternalCall.call(SERVICE, "authorization for " + orderId, () -> api.authorize(key, request),
                    GATEWAY_TIMEOUT);
        } catch (ErrorAnswer e) {
            return switch (e.status()) {
                case PAYMENT_REQUIRED -> {
                    PaymentsApi.Failure failure = e.body(PaymentsApi.Failure.class);
                    yield new AuthorizationOutcome.Declined(e.code(), e.message(SERVICE),
                            failure == null ? null : failure.paymentId());
                }
                case GATEWAY_TIMEOUT -> new AuthorizationOutcome.ProviderTimeout(e.message(SERVICE));
                // another request with this key is still at the provider: ask again (retried) rather than give up
                case 409 -> {
                    if ("AUTHORIZATION_IN_PROGRESS".equals(e.code())) {
                        throw new RemoteServiceException("payments is still authorizing this order: " + e.message(SERVICE));
                    }
                    yield new AuthorizationOutcome.Refused(e.code(), e.message(SERVICE));
                }
                default -> throw e.unexpected(SERVICE);
            };
        }
        if (payment == null || payment.paymentId() == null) {
            throw new UnexpectedResponseException(SERVICE + " answered the authorization for " + orderId + " with " + payment);
        }
        // a repeated request answers the payment as it is now: held or taken is success, anything else is not
        String status = payment.status() == null ? "" : payment.status();
        return "AUTHORIZED".equals(status) || "CAPTURED".equals(status)
                ? new AuthorizationOutcome.Authorized(payment.paymentId())
                : new AuthorizationOutcome.Refused(status, "Payment " + payment.paymentId() + " for this order is " + status);
    }

    static String capture(PaymentsApi api, String paymentId) {
        return settle("capture", paymentId, () -> api.capture(paymentId, PaymentsApi.NoBody.INSTANCE));
    }

    static String voidAuthorization(PaymentsApi api, String paymentId) {
        return settle("void", paymentId, () -> api.voidAuthorization(paymentId, PaymentsApi.NoBody.INSTANCE));
    }

    static String refund(PaymentsApi api, String paymentId, Money amount) {
        PaymentsApi.Refund request = new PaymentsApi.Refund(MoneyBody.of(amount), "orders-refund-" + paymentId);
        return settle("refund", paymentId, () -> api.refund(paymentId, request));
    }

    static List<PaymentSummary> paymentsOf(PaymentsApi api, String orderId) {
        List<PaymentsApi.PaymentBody> payments;
        try {
            payments = InternalCall.call(SERVICE, "payments of " + orderId, () -> api.byOrder(orderId), 0);
        } catch (ErrorAnswer e) {
            throw e.unexpected(SERVICE);
        }
        if (payments == null) {
            throw new UnexpectedResponseException(SERVICE + " answered the payments of " + orderId + " without a list");
        }
        List<PaymentSummary> summaries = new ArrayList<>();
        for (PaymentsApi.PaymentBody payment : payments) {
            Money amount = payment == null || payment.amount() == null ? null : payment.amount().toMoney();
            if (amount == null || payment.paymentId() == null || payment.status() == null) {
                throw new UnexpectedResponseException(SERVICE + " answered the payments of " + orderId + " with " + payment);
            }
            summaries.add(new PaymentSummary(payment.paymentId(), payment.status(), amount,
                    minorOf(payment.capturedAmount()), minorOf(payment.refundedAmount())));
        }
        return summaries;
    }

    /** @return {@code null} when settled (now or before), else the service's refusal */
    private static String settle(String what, String paymentId, java.util.function.Supplier<PaymentsApi.PaymentState> call) {
        try {
            InternalCall.call(SERVICE, what + " of " + paymentId, call, 0);
            return null;
        } catch (ErrorAnswer e) {
            if (e.status() == 404 || e.status() == 409) {
                return e.code() + ": " + e.message(SERVICE);
            }
            throw e.unexpected(SERVICE);
        }
    }

    private static int minorOf(MoneyBody amount) {
        return amount == null || amount.amountMinor() == null ? 0 : amount.amountMinor();
    }
}
