package dev.storefront.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The payments subgraph as an admin sees it (who may see what: PaymentAccessTest). */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class PaymentsSubgraphTest {

    @Inject
    MetricRegistry metrics;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer().withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
    }

    @Test
    void paymentByIdWithItsTransactions() {
        JsonObject response = client.query("{ payment(id: \"pay-2\") { id order { id } amount { amountMinor currency } "
                + "capturedAmount { amountMinor } refundedAmount { amountMinor } status method cardLast4 failureCode createdAt "
                + "transactions { kind amount { amountMinor currency } status at } } }");
        assertThat(at(response, "data.payment").toString(), is(
                "{\"id\":\"pay-2\",\"order\":{\"id\":\"order-2\"},\"amount\":{\"amountMinor\":4599,\"currency\":\"EUR\"},"
                        + "\"capturedAmount\":{\"amountMinor\":4599},\"refundedAmount\":{\"amountMinor\":0},"
                        + "\"status\":\"CAPTURED\",\"method\":\"CARD\",\"cardLast4\":\"4242\",\"failureCode\":null,"
                        + "\"createdAt\":\"2026-01-11T10:00:01Z\",\"transactions\":["
                        + "{\"kind\":\"AUTHORIZE\",\"amount\":{\"amountMinor\":4599,\"currency\":\"EUR\"},\"status\":\"SUCCEEDED\",\"at\":\"2026-01-11T10:00:01Z\"},"
                        + "{\"kind\":\"CAPTURE\",\"amount\":{\"amountMinor\":4599,\"currency\":\"EUR\"},\"status\":\"SUCCEEDED\",\"at\":\"2026-01-12T08:30:00Z\"}]}"));
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void paymentsOrderListsItsPayments() {
        JsonObject response = client.query("{ payment(id: \"pay-5\") { order { id payments { id status } } } }");
        assertThat(at(response, "data.payment.order").toString(),
                is("{\"id\":\"order-5\",\"payments\":[{\"id\":\"pay-5\",\"status\":\"VOIDED\"}]}"));
    }

    @Test
    void unknownPaymentIsNull() {
        JsonObject response = client.query("{ payment(id: \"pay-404\") { id } }");
        assertThat(at(response, "data.payment"), is(JsonValue.NULL));
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void malformedIdIsAClearErrorAtItsPath() {
        JsonObject response = client.query("{ payment(id: \"no spaces allowed\") { id } }");
        assertThat(string(response, "errors.0.message"), containsString("Argument 'id' is not a valid id"));
        assertThat(at(response, "errors.0.path").toString(), is("[\"payment\"]"));
    }

    @Test
    void serviceSdlDeclaresPaymentAndTheOrderContribution() {
        String sdl = string(client.query("{ _service { sdl } }"), "data._service.sdl");
        assertThat(sdl, containsString("url : \"https://specs.apollo.dev/federation/v2.9\""));
        assertThat(sdl, containsString("type Payment @key(fields : \"id\""));
        assertThat(sdl, containsString("type Order @key(fields : \"id\""));
        assertThat(sdl, containsString("payments: [Payment!]!"));
        assertThat(sdl, containsString("transactions: [PaymentTransaction!]!"));
        assertThat(sdl, containsString("input RefundPaymentInput {"));
        assertThat(sdl, containsString("type Money @shareable"));
        assertThat(sdl, containsString("type UserError @shareable"));
        assertThat(sdl, containsString("refundPayment(input: RefundPaymentInput!): RefundPaymentPayload!"));
        assertThat(sdl, containsString("enum PaymentTransactionKind"));
    }

    @Test
    void entitiesResolveFiftyOrdersPaymentsWithOneStatementInOrder() throws Exception {
        for (int i = 0; i < 50; i++) {
            // every order gets one payment, every even one a second (declined) attempt before it
            if (i % 2 == 0) {
                insertPayment(String.format("pay-b%02d-a", i), String.format("order-b%02d", i), 100 + i, "DECLINED",
                        "2026-02-01 00:00:00");
            }
            insertPayment(String.format("pay-b%02d-b", i), String.format("order-b%02d", i), 200 + i, "AUTHORIZED",
                    "2026-02-01 00:00:01");
        }
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int i = 49; i >= 0; i--) {
            representations.add(Map.of("__typename", "Order", "id", String.format("order-b%02d", i)));
        }
        long before = statements("payments-by-order-ids");
        long transactionsBefore = statements("payment-transactions-by-payment-ids");
        JsonObject response = client.query("query($r: [_Any!]!) { _entities(representations: $r) { "
                        + "... on Order { id payments { id status amount { amountMinor } transactions { kind } } } } }",
                Map.of("r", representations));
        assertThat(statements("payments-by-order-ids") - before, is(1L));
        assertThat("transactions of all 75 payments load together", statements("payment-transactions-by-payment-ids")
                - transactionsBefore, is(1L));
        assertThat(response.containsKey("errors"), is(false));
        JsonArray orders = at(response, "data._entities").asJsonArray();
        assertThat(orders.size(), is(50));
        for (int i = 0; i < 50; i++) {
            int n = 49 - i;
            JsonValue order = orders.get(i);
            assertThat(string(order, "id"), is(String.format("order-b%02d", n)));
            JsonArray payments = at(order, "payments").asJsonArray();
            assertThat(payments.size(), is(n % 2 == 0 ? 2 : 1));
            JsonValue last = payments.get(payments.size() - 1);
            assertThat(string(last, "id"), is(String.format("pay-b%02d-b", n)));
            assertThat(string(last, "amount.amountMinor"), is(String.valueOf(200 + n)));
            if (n % 2 == 0) {
                assertThat(string(payments.get(0), "status"), is("DECLINED"));
            }
        }
    }

    @Test
    void entitiesResolveDemoOrdersAndOrdersWithoutPayments() {
        JsonObject response = client.query("{ _entities(representations: [{__typename: \"Order\", id: \"order-3\"}, "
                + "{__typename: \"Order\", id: \"order-4\"}]) { ... on Order { id payments { id status "
                + "transactions { kind amount { amountMinor } } } } } }");
        assertThat(at(response, "data._entities").toString(), is("[{\"id\":\"order-3\",\"payments\":[{\"id\":\"pay-3\","
                + "\"status\":\"CAPTURED\",\"transactions\":[{\"kind\":\"AUTHORIZE\",\"amount\":{\"amountMinor\":21899}},"
                + "{\"kind\":\"CAPTURE\",\"amount\":{\"amountMinor\":21899}}]}]},"
                + "{\"id\":\"order-4\",\"payments\":[]}]"));
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void entitiesResolvePaymentsInOneStatementAndUnknownKeysAreNullWithErrors() {
        long before = statements("payments-by-ids");
        JsonObject response = client.query("{ _entities(representations: [{__typename: \"Payment\", id: \"pay-6\"}, "
                + "{__typename: \"Payment\", id: \"pay-404\"}, {__typename: \"Payment\", id: 42}, "
                + "{__typename: \"Payment\", id: \"pay-1\"}, {__typename: \"Order\", id: \"bad id\"}]) { "
                + "... on Payment { id status order { id } } ... on Order { id } } }");
        assertThat(statements("payments-by-ids") - before, is(1L));
        assertThat(at(response, "data._entities").toString(), is("[{\"id\":\"pay-6\",\"status\":\"AUTHORIZED\","
                + "\"order\":{\"id\":\"order-6\"}},null,null,{\"id\":\"pay-1\",\"status\":\"AUTHORIZED\","
                + "\"order\":{\"id\":\"order-1\"}},null]"));
        assertThat(at(response, "errors.0.path").toString(), is("[\"_entities\",1]"));
        assertThat(string(response, "errors.0.message"), containsString("Payment not found"));
        assertThat(at(response, "errors.1.path").toString(), is("[\"_entities\",2]"));
        assertThat(at(response, "errors.2.path").toString(), is("[\"_entities\",4]"));
        assertThat(string(response, "errors.2.message"), containsString("Order not found"));
    }

    @Test
    void refundPaymentRefundsAndReportsEveryRefusalAsAUserError() throws Exception {
        insertPayment("pay-r1", "order-r1", 10000, "CAPTURED", "2026-02-02 00:00:00");
        String mutation = "mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { "
                + "payment { id status refundedAmount { amountMinor } transactions { kind amount { amountMinor } } } "
                + "userErrors { field code message } } }";

        JsonObject partial = client.query(mutation, Map.of("input", refund("pay-r1", 4000, "EUR")));
        assertThat(at(partial, "data.refundPayment.userErrors").toString(), is("[]"));
        assertThat(string(partial, "data.refundPayment.payment.status"), is("PARTIALLY_REFUNDED"));
        assertThat(string(partial, "data.refundPayment.payment.refundedAmount.amountMinor"), is("4000"));
        assertThat(string(partial, "data.refundPayment.payment.transactions.1.kind"), is("REFUND"));

        JsonObject exceeds = client.query(mutation, Map.of("input", refund("pay-r1", 6001, "EUR")));
        assertThat(string(exceeds, "data.refundPayment.userErrors.0.code"), is("REFUND_EXCEEDS_CAPTURED"));
        assertThat(at(exceeds, "data.refundPayment.userErrors.0.field").toString(), is("[\"input\",\"amount\"]"));
        assertThat(string(exceeds, "data.refundPayment.payment.refundedAmount.amountMinor"), is("4000"));

        JsonObject zero = client.query(mutation, Map.of("input", refund("pay-r1", 0, "EUR")));
        assertThat(string(zero, "data.refundPayment.userErrors.0.code"), is("INVALID_AMOUNT"));
        JsonObject otherCurrency = client.query(mutation, Map.of("input", refund("pay-r1", 100, "USD")));
        assertThat(string(otherCurrency, "data.refundPayment.userErrors.0.code"), is("INVALID_AMOUNT"));
        assertThat(string(otherCurrency, "data.refundPayment.userErrors.0.message"), containsString("USD"));

        JsonObject authorizedOnly = client.query(mutation, Map.of("input", refund("pay-1", 100, "EUR")));
        assertThat(string(authorizedOnly, "data.refundPayment.userErrors.0.code"), is("INVALID_TRANSITION"));
        assertThat(string(authorizedOnly, "data.refundPayment.payment.status"), is("AUTHORIZED"));

        JsonObject unknown = client.query(mutation, Map.of("input", refund("pay-404", 100, "EUR")));
        assertThat(string(unknown, "data.refundPayment.userErrors.0.code"), is("NOT_FOUND"));
        assertThat(at(unknown, "data.refundPayment.payment"), is(JsonValue.NULL));

        JsonObject rest = client.query(mutation, Map.of("input", refund("pay-r1", 6000, "EUR")));
        assertThat(at(rest, "data.refundPayment.userErrors").toString(), is("[]"));
        assertThat(string(rest, "data.refundPayment.payment.status"), is("REFUNDED"));

        JsonObject missingAmount = client.query("mutation { refundPayment(input: {paymentId: \"pay-r1\"}) { payment { id } } }");
        assertThat(string(missingAmount, "errors.0.message"), containsString("amount"));
        assertThat(at(missingAmount, "data"), is(JsonValue.NULL));
    }

    @Test
    void healthAndMetrics() {
        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(200));
        assertThat(string(ready.json(), "checks.0.name"), is("database"));
        client.query("{ payment(id: \"pay-1\") { id } }");
        GraphQlClient.Response metricsText = client.get("/metrics");
        assertThat(metricsText.status(), is(200));
        assertThat(metricsText.body(), containsString("statement=\"payment-by-id\""));
    }

    private long statements(String name) {
        return metrics.counter("db.statements", new Tag("statement", name)).getCount();
    }

    private static Map<String, Object> refund(String paymentId, int amountMinor, String currency) {
        return Map.of("paymentId", paymentId, "amount", Map.of("amountMinor", amountMinor, "currency", currency));
    }

    /** A payment in any status, straight into the database; captured ones are captured in full. */
    private static void insertPayment(String id, String orderId, int amountMinor, String status, String createdAt)
            throws Exception {
        int captured = status.equals("CAPTURED") ? amountMinor : 0;
        FreshDatabaseExtension.execute(String.format("INSERT INTO payments (id, order_id, idempotency_key, amount_minor, "
                + "currency, captured_minor, status, method, card_last4, provider_reference, created_at, updated_at) "
                + "VALUES ('%s', '%s', 'key-%s', %d, 'EUR', %d, '%s', 'CARD', '4242', 'sim_auth_%s', '%s', '%s')",
                id, orderId, id, amountMinor, captured, status, id, createdAt, createdAt));
        FreshDatabaseExtension.execute(String.format("INSERT INTO payment_transactions (payment_id, kind, amount_minor, "
                + "currency, status, created_at) VALUES ('%s', 'AUTHORIZE', %d, 'EUR', '%s', '%s')",
                id, amountMinor, status.equals("DECLINED") ? "DECLINED" : "SUCCEEDED", createdAt));
    }
}
