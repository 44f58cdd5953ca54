package dev.storefront.payments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.storefront.payments.InternalApiClient.Reply;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.json.JsonArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class InternalPaymentsApiTest {

    private static final String SUCCESS = "4242424242424242";
    private static final String DECLINED = "4000000000000002";
    private static final String INSUFFICIENT_FUNDS = "4000000000009995";
    private static final String TIMEOUT = "4000000000000119";
    /** payments.provider.timeout-delay-ms in the test configuration */
    private static final long TIMEOUT_DELAY_MILLIS = 300;

    private InternalApiClient api;

    @BeforeEach
    void connect() {
        api = InternalApiClient.forRunningServer();
    }

    @Test
    void successCardIsAuthorized() {
        Reply reply = api.authorize(newKey(), "order-a1", 12999, "EUR", SUCCESS);
        assertThat(reply.body(), reply.status(), is(200));
        assertThat(reply.field("status"), is("AUTHORIZED"));
        String paymentId = reply.field("paymentId");
        assertThat(paymentId, startsWith("pay-"));
        assertThat(TestDatabase.number("SELECT amount_minor FROM payments WHERE id = ?", paymentId), is(12999L));
        assertThat(TestDatabase.transactions(paymentId, "AUTHORIZE"), is(1L));
    }

    @Test
    void declinedCardIsRefusedWith402AndRecorded() {
        Reply reply = api.authorize(newKey(), "order-a2", 5000, "EUR", DECLINED);
        assertThat(reply.status(), is(402));
        assertThat(reply.field("code"), is("PAYMENT_DECLINED"));
        assertThat(reply.field("message"), is("The card was declined by its issuer"));
        String paymentId = reply.field("paymentId");
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE id = ? AND status = 'DECLINED'", paymentId), is(1L));
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payment_transactions WHERE payment_id = ? "
                + "AND kind = 'AUTHORIZE' AND status = 'DECLINED'", paymentId), is(1L));
    }

    @Test
    void insufficientFundsCardIsRefusedWith402() {
        Reply reply = api.authorize(newKey(), "order-a3", 5000, "EUR", INSUFFICIENT_FUNDS);
        assertThat(reply.status(), is(402));
        assertThat(reply.field("code"), is("INSUFFICIENT_FUNDS"));
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE id = ? AND status = 'DECLINED' "
                + "AND failure_code = 'INSUFFICIENT_FUNDS'", reply.field("paymentId")), is(1L));
    }

    @Test
    void timeoutCardAnswers504AfterTheConfiguredDelayAndARetryReplaysIt() {
        String key = newKey();
        long started = System.nanoTime();
        Reply reply = api.authorize(key, "order-a4", 5000, "EUR", TIMEOUT);
        long tookMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(reply.status(), is(504));
        assertThat(reply.field("code"), is("PROVIDER_TIMEOUT"));
        assertThat(tookMillis, greaterThanOrEqualTo(TIMEOUT_DELAY_MILLIS));
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE id = ? AND status = 'FAILED'",
                reply.field("paymentId")), is(1L));

        long retryStarted = System.nanoTime();
        Reply retry = api.authorize(key, "order-a4", 5000, "EUR", TIMEOUT);
        assertThat(retry.status(), is(504));
        assertThat(retry.field("paymentId"), is(reply.field("paymentId")));
        assertThat(Duration.ofNanos(System.nanoTime() - retryStarted).toMillis(), lessThan(TIMEOUT_DELAY_MILLIS));
    }

    @Test
    void sameKeyFiveTimesConcurrentlyMakesOnePaymentAndOneAuthorization() throws Exception {
        String key = newKey();
        int requests = 5;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.authorize(key, "order-c1", 7777, "EUR", SUCCESS);
                }));
            }
            start.countDown();
            Set<String> paymentIds = new java.util.HashSet<>();
            for (Future<Reply> reply : replies) {
                Reply r = reply.get();
                assertThat(r.body(), r.status(), is(200));
                assertThat(r.field("status"), is("AUTHORIZED"));
                paymentIds.add(r.field("paymentId"));
            }
            assertThat(paymentIds.size(), is(1));
            assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", key), is(1L));
            assertThat(TestDatabase.transactions(paymentIds.iterator().next(), "AUTHORIZE"), is(1L));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameKeyForAnotherAmountOrOrderIsAConflict() {
        String key = newKey();
        Reply first = api.authorize(key, "order-c2", 1000, "EUR", SUCCESS);
        assertThat(first.status(), is(200));

        Reply otherAmount = api.authorize(key, "order-c2", 1001, "EUR", SUCCESS);
        assertThat(otherAmount.status(), is(409));
        assertThat(otherAmount.field("code"), is("IDEMPOTENCY_KEY_REUSED"));

        Reply otherOrder = api.authorize(key, "order-c3", 1000, "EUR", SUCCESS);
        assertThat(otherOrder.status(), is(409));
        assertThat(otherOrder.field("code"), is("IDEMPOTENCY_KEY_REUSED"));

        Reply same = api.authorize(key, "order-c2", 1000, "EUR", SUCCESS);
        assertThat(same.status(), is(200));
        assertThat(same.field("paymentId"), is(first.field("paymentId")));
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE idempotency_key = ?", key), is(1L));
    }

    @Test
    void aKeyRepeatedAfterCaptureAnswersWithTheSamePaymentAsItStandsNow() {
        String key = newKey();
        String paymentId = api.authorize(key, "order-c4", 3000, "EUR", SUCCESS).field("paymentId");
        api.capture(paymentId);
        Reply repeated = api.authorize(key, "order-c4", 3000, "EUR", SUCCESS);
        assertThat(repeated.body(), repeated.status(), is(200));
        assertThat(repeated.field("paymentId"), is(paymentId));
        assertThat(repeated.field("status"), is("CAPTURED"));
        assertThat(TestDatabase.transactions(paymentId, "AUTHORIZE"), is(1L));
    }

    @Test
    void anAuthorizationAbandonedByADeadProcessIsCompletedByTheRetry() throws Exception {
        String key = newKey();
        FreshDatabaseExtension.execute("INSERT INTO payments (id, order_id, idempotency_key, amount_minor, currency, "
                + "status, method, card_last4, created_at, updated_at) VALUES ('pay-stale', 'order-s1', '" + key
                + "', 2500, 'EUR', 'PENDING', 'CARD', '4242', '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
        Reply retry = api.authorize(key, "order-s1", 2500, "EUR", SUCCESS);
        assertThat(retry.body(), retry.status(), is(200));
        assertThat(retry.field("paymentId"), is("pay-stale"));
        assertThat(TestDatabase.transactions("pay-stale", "AUTHORIZE"), is(1L));
    }

    @Test
    void captureThenCaptureAgainIsIdempotent() {
        String paymentId = authorized(4000);
        Reply captured = api.capture(paymentId);
        assertThat(captured.status(), is(200));
        assertThat(captured.field("status"), is("CAPTURED"));
        Reply again = api.capture(paymentId);
        assertThat(again.status(), is(200));
        assertThat(again.field("status"), is("CAPTURED"));
        assertThat(TestDatabase.transactions(paymentId, "CAPTURE"), is(1L));
        assertThat(TestDatabase.number("SELECT captured_minor FROM payments WHERE id = ?", paymentId), is(4000L));
    }

    @Test
    void voidThenVoidAgainIsIdempotent() {
        String paymentId = authorized(4000);
        assertThat(api.voidAuthorization(paymentId).field("status"), is("VOIDED"));
        Reply again = api.voidAuthorization(paymentId);
        assertThat(again.status(), is(200));
        assertThat(again.field("status"), is("VOIDED"));
        assertThat(TestDatabase.transactions(paymentId, "VOID"), is(1L));
    }

    @Test
    void everyIllegalTransitionIsAConflict() throws Exception {
        String voided = authorized(1000);
        api.voidAuthorization(voided);
        String declined = api.authorize(newKey(), "order-t1", 1000, "EUR", DECLINED).field("paymentId");
        String failed = api.authorize(newKey(), "order-t2", 1000, "EUR", TIMEOUT).field("paymentId");
        String captured = authorized(1000);
        api.capture(captured);
        String partiallyRefunded = authorized(1000);
        api.capture(partiallyRefunded);
        api.refund(partiallyRefunded, 400, "EUR");
        String refunded = authorized(1000);
        api.capture(refunded);
        api.refund(refunded, 1000, "EUR");
        String authorized = authorized(1000);
        FreshDatabaseExtension.execute("INSERT INTO payments (id, order_id, idempotency_key, amount_minor, currency, "
                + "status, method, created_at, updated_at) VALUES ('pay-pending', 'order-t3', '" + newKey()
                + "', 1000, 'EUR', 'PENDING', 'CARD', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");

        for (String paymentId : List.of(voided, declined, failed, "pay-pending")) {
            assertInvalidTransition(api.capture(paymentId), paymentId, "capture");
        }
        for (String paymentId : List.of(declined, failed, captured, partiallyRefunded, refunded, "pay-pending")) {
            assertInvalidTransition(api.voidAuthorization(paymentId), paymentId, "void");
        }
        for (String paymentId : List.of(authorized, voided, declined, failed, "pay-pending")) {
            assertInvalidTransition(api.refund(paymentId, 100, "EUR"), paymentId, "refund");
        }
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payment_transactions WHERE payment_id IN (?, ?, ?, ?) "
                + "AND kind IN ('CAPTURE', 'REFUND')", voided, declined, failed, authorized), is(0L));
    }

    @Test
    void partialAndFullRefundsNeverExceedTheCapturedAmount() {
        String paymentId = authorized(10000);
        api.capture(paymentId);

        Reply partial = api.refund(paymentId, 2500, "EUR");
        assertThat(partial.status(), is(200));
        assertThat(partial.field("status"), is("PARTIALLY_REFUNDED"));
        assertThat(api.refund(paymentId, 2500, "EUR").field("status"), is("PARTIALLY_REFUNDED"));

        Reply over = api.refund(paymentId, 5001, "EUR");
        assertThat(over.status(), is(409));
        assertThat(over.field("code"), is("REFUND_EXCEEDS_CAPTURED"));
        assertThat(over.field("message"), containsString("only 5000 EUR"));

        Reply rest = api.refund(paymentId, 5000, "EUR");
        assertThat(rest.status(), is(200));
        assertThat(rest.field("status"), is("REFUNDED"));

        Reply oneMore = api.refund(paymentId, 1, "EUR");
        assertThat(oneMore.status(), is(409));
        assertThat(oneMore.field("code"), is("REFUND_EXCEEDS_CAPTURED"));

        Reply fullAgain = api.refund(paymentId, 10000, "EUR");
        assertThat("a repeated full refund finds the state already matching", fullAgain.status(), is(200));
        assertThat(fullAgain.field("status"), is("REFUNDED"));

        assertThat(TestDatabase.number("SELECT refunded_minor FROM payments WHERE id = ?", paymentId), is(10000L));
        assertThat(TestDatabase.number("SELECT SUM(amount_minor) FROM payment_transactions WHERE payment_id = ? "
                + "AND kind = 'REFUND'", paymentId), is(10000L));
    }

    @Test
    void concurrentRefundsStopAtTheCapturedAmount() throws Exception {
        String paymentId = authorized(5000);
        api.capture(paymentId);
        int requests = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.refund(paymentId, 1000, "EUR");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                statuses.add(reply.get().status());
            }
            assertThat(statuses.stream().filter(s -> s == 200).count(), is(5L));
            assertThat(statuses.stream().filter(s -> s == 409).count(), is(5L));
            assertThat(TestDatabase.number("SELECT refunded_minor FROM payments WHERE id = ?", paymentId), is(5000L));
            assertThat(TestDatabase.transactions(paymentId, "REFUND"), is(5L));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRefundWithAKeyIsAppliedOnce() {
        String paymentId = authorized(3000);
        api.capture(paymentId);
        String body = "{\"amount\":{\"amountMinor\":1000,\"currency\":\"EUR\"},\"idempotencyKey\":\"refund-once\"}";
        assertThat(api.post("/internal/payments/" + paymentId + "/refund", body).status(), is(200));
        Reply repeated = api.post("/internal/payments/" + paymentId + "/refund", body);
        assertThat(repeated.status(), is(200));
        assertThat(repeated.field("status"), is("PARTIALLY_REFUNDED"));
        assertThat(TestDatabase.number("SELECT refunded_minor FROM payments WHERE id = ?", paymentId), is(1000L));
    }

    @Test
    void refundAmountsMustBePositiveAndInThePaymentsCurrency() {
        String paymentId = authorized(3000);
        api.capture(paymentId);
        for (Reply reply : List.of(api.refund(paymentId, 0, "EUR"), api.refund(paymentId, -5, "EUR"),
                api.refund(paymentId, 100, "USD"), api.refund(paymentId, 100, "euro"))) {
            assertThat(reply.body(), reply.status(), is(400));
            assertThat(reply.field("code"), is("INVALID_AMOUNT"));
        }
        Reply fractional = api.post("/internal/payments/" + paymentId + "/refund",
                "{\"amount\":{\"amountMinor\":10.5,\"currency\":\"EUR\"}}");
        assertThat(fractional.status(), is(400));
        assertThat(fractional.field("code"), is("INVALID_AMOUNT"));
        assertThat(TestDatabase.number("SELECT refunded_minor FROM payments WHERE id = ?", paymentId), is(0L));
    }

    @Test
    void paymentsOfAnOrderForRecovery() {
        String orderId = "order-r1";
        String declined = api.authorize(newKey(), orderId, 2000, "EUR", DECLINED).field("paymentId");
        String authorized = api.authorize(newKey(), orderId, 2000, "EUR", SUCCESS).field("paymentId");
        JsonArray payments = api.get("/internal/payments?orderId=" + orderId).json().asJsonArray();
        assertThat(payments.size(), is(2));
        assertThat(payments.getJsonObject(0).getString("paymentId"), is(declined));
        assertThat(payments.getJsonObject(0).getString("status"), is("DECLINED"));
        assertThat(payments.getJsonObject(1).getString("paymentId"), is(authorized));
        assertThat(payments.getJsonObject(1).getJsonObject("amount").toString(),
                is("{\"amountMinor\":2000,\"currency\":\"EUR\"}"));
        assertThat(api.get("/internal/payments?orderId=order-none").body(), is("[]"));
    }

    @Test
    void badInputIsAClear4xxNeverA500() {
        List<Reply> replies = List.of(
                api.put("/internal/payments/authorizations/" + newKey(), "{not json"),
                api.put("/internal/payments/authorizations/" + newKey(), "[1, 2]"),
                api.put("/internal/payments/authorizations/" + newKey(), ""),
                api.put("/internal/payments/authorizations/" + newKey(), "{\"orderId\":\"order-x\"}"),
                api.put("/internal/payments/authorizations/" + newKey(), "{\"orderId\":42,\"amount\":{\"amountMinor\":1,"
                        + "\"currency\":\"EUR\"},\"method\":\"CARD\",\"cardNumber\":\"4242424242424242\"}"),
                api.authorize(newKey(), "order x", 1000, "EUR", SUCCESS),
                api.authorize(newKey(), "order-x", 0, "EUR", SUCCESS),
                api.authorize(newKey(), "order-x", 1000, "EUR", "not-a-card"),
                api.put("/internal/payments/authorizations/" + newKey(), InternalApiClient.authorization(
                        "order-x", 1000, "EUR", SUCCESS).replace("CARD", "CASH")),
                api.put("/internal/payments/authorizations/" + "k".repeat(200),
                        InternalApiClient.authorization("order-x", 1000, "EUR", SUCCESS)),
                api.put("/internal/payments/authorizations/" + newKey(), "{\"orderId\":\"order-x\",\"amount\":{"
                        + "\"amountMinor\":99999999999,\"currency\":\"EUR\"},\"method\":\"CARD\",\"cardNumber\":\"4242424242424242\"}"),
                api.get("/internal/payments"),
                api.get("/internal/payments?orderId=bad%20id"));
        for (Reply reply : replies) {
            assertThat(reply.body(), reply.status(), is(400));
            assertThat(reply.body(), reply.json().asJsonObject().getString("code"), not(is("INTERNAL_ERROR")));
            assertThat(reply.body(), not(containsString("Exception")));
        }

        Reply unknownPayment = api.capture("pay-404");
        assertThat(unknownPayment.status(), is(404));
        assertThat(unknownPayment.field("code"), is("NOT_FOUND"));

        Reply wrongMediaType = api.send("PUT", "/internal/payments/authorizations/" + newKey(), "text/plain", "hello");
        assertThat(wrongMediaType.status(), is(415));
        assertThat(wrongMediaType.field("code"), is("UNSUPPORTED_MEDIA_TYPE"));

        Reply wrongMethod = api.send("DELETE", "/internal/payments/pay-1/capture", "application/json", "");
        assertThat(wrongMethod.status(), is(405));

        Reply unknownPath = api.get("/internal/payments/pay-1/nothing-here");
        assertThat(unknownPath.status(), is(404));
        assertThat(unknownPath.body(), not(containsString("Exception")));
    }

    private String authorized(int amountMinor) {
        Reply reply = api.authorize(newKey(), "order-" + UUID.randomUUID().toString().substring(0, 8), amountMinor, "EUR", SUCCESS);
        assertThat(reply.body(), reply.status(), is(200));
        return reply.field("paymentId");
    }

    private static void assertInvalidTransition(Reply reply, String paymentId, String operation) {
        assertThat(operation + " " + paymentId + ": " + reply.body(), reply.status(), is(409));
        assertThat(reply.field("code"), is("INVALID_TRANSITION"));
        assertThat(reply.field("paymentId"), is(paymentId));
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }
}
