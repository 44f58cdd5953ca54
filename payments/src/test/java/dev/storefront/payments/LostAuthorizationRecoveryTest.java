package dev.storefront.payments;

import java.util.UUID;

import dev.storefront.payments.InternalApiClient.Reply;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * An authorization whose answer was lost (left PENDING by a process that died or could not record
 * the provider's answer) is resolved by payments itself once it is older than
 * {@code payments.authorization.stale-after-ms}, with nobody asking again with its key: orders'
 * recovery of a cancelled order only lists the order's payments and waits for a PENDING one, so
 * without this a hold at the provider would stay forever. The outcome comes from the provider's
 * record of the key: AUTHORIZED (orders then voids it; done here as orders does), DECLINED, or
 * FAILED when nothing was authorized. Real database; recovery runs on its own schedule.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddConfig(key = "payments.authorization.stale-after-ms", value = "2000")
@AddConfig(key = "payments.authorization.recovery-interval-ms", value = "100")
class LostAuthorizationRecoveryTest {

    /** stale-after (2 s) plus a good margin for a loaded machine */
    private static final long RESOLVED_WITHIN_MS = 15_000;

    private InternalApiClient api;

    @BeforeEach
    void connect() {
        api = InternalApiClient.forRunningServer();
    }

    @Test
    void aLostApprovedAuthorizationBecomesAuthorizedAndCanThenBeVoided() throws Exception {
        String id = lostPending("order-lost-1", "4242", "TIMESTAMPADD(MINUTE, -10, UTC_TIMESTAMP(3))");

        awaitStatus(id, "AUTHORIZED");
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE id = ? AND provider_reference LIKE 'sim_auth_%'",
                id), is(1L));
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payment_transactions WHERE payment_id = ? AND kind = 'AUTHORIZE' "
                + "AND status = 'SUCCEEDED'", id), is(1L));

        // the order was cancelled meanwhile: orders' compensation now finds the hold and voids it
        Reply voided = api.voidAuthorization(id);
        assertThat(voided.body(), voided.status(), is(200));
        assertThat(voided.field("status"), is("VOIDED"));
        assertThat(TestDatabase.transactions(id, "VOID"), is(1L));
        assertThat("recorded once, however many runs saw it", TestDatabase.transactions(id, "AUTHORIZE"), is(1L));
    }

    @Test
    void aLostAuthorizationTheProviderNeverCompletedEndsFailedWithNothingHeld() throws Exception {
        String id = lostPending("order-lost-2", "0119", "TIMESTAMPADD(MINUTE, -10, UTC_TIMESTAMP(3))");

        awaitStatus(id, "FAILED");
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE id = ? AND failure_code = 'PROVIDER_TIMEOUT' "
                + "AND provider_reference IS NULL", id), is(1L));
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payment_transactions WHERE payment_id = ? AND kind = 'AUTHORIZE' "
                + "AND status = 'FAILED'", id), is(1L));
    }

    @Test
    void aLostDeclinedAuthorizationEndsDeclined() throws Exception {
        String id = lostPending("order-lost-3", "0002", "TIMESTAMPADD(MINUTE, -10, UTC_TIMESTAMP(3))");

        awaitStatus(id, "DECLINED");
        assertThat(TestDatabase.number("SELECT COUNT(*) FROM payments WHERE id = ? AND failure_code = 'PAYMENT_DECLINED'", id),
                is(1L));
    }

    @Test
    void anAuthorizationIsLeftAloneUntilItIsStaleThenResolved() throws Exception {
        // just begun: its request may still be at the provider
        String id = lostPending("order-lost-4", "4242", "UTC_TIMESTAMP(3)");
        Thread.sleep(1000);
        assertThat("before stale-after", status(id), is("PENDING"));

        awaitStatus(id, "AUTHORIZED");
        // a retry with the key answers the recorded outcome
        Reply retry = api.authorize(key(id), "order-lost-4", 2500, "EUR", "4242424242424242");
        assertThat(retry.body(), retry.status(), is(200));
        assertThat(retry.field("paymentId"), is(id));
        assertThat(TestDatabase.transactions(id, "AUTHORIZE"), is(1L));
    }

    /** A payment as a process that died between its insert and the provider's answer left it. */
    private static String lostPending(String orderId, String cardLast4, String createdAt) throws Exception {
        String id = "pay-lost-" + UUID.randomUUID().toString().substring(0, 8);
        FreshDatabaseExtension.execute("INSERT INTO payments (id, order_id, user_id, idempotency_key, amount_minor, currency, "
                + "status, method, card_last4, created_at, updated_at) VALUES ('" + id + "', '" + orderId + "', 'user-1', '"
                + key(id) + "', 2500, 'EUR', 'PENDING', 'CARD', '" + cardLast4 + "', " + createdAt + ", " + createdAt + ")");
        return id;
    }

    private static String key(String paymentId) {
        return "key-" + paymentId;
    }

    private static String status(String paymentId) {
        long code = TestDatabase.number("SELECT CASE status WHEN 'PENDING' THEN 0 WHEN 'AUTHORIZED' THEN 1 "
                + "WHEN 'FAILED' THEN 2 WHEN 'DECLINED' THEN 3 WHEN 'VOIDED' THEN 4 ELSE 9 END FROM payments WHERE id = ?", paymentId);
        return switch ((int) code) {
            case 0 -> "PENDING";
            case 1 -> "AUTHORIZED";
            case 2 -> "FAILED";
            case 3 -> "DECLINED";
            case 4 -> "VOIDED";
            default -> "OTHER";
        };
    }

    private static void awaitStatus(String paymentId, String expected) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + RESOLVED_WITHIN_MS;
        String now = status(paymentId);
        while (!now.equals(expected) && System.currentTimeMillis() < giveUp) {
            Thread.sleep(50);
            now = status(paymentId);
        }
        assertThat(paymentId + " resolved without anyone asking again with its key", now, is(expected));
    }
}
