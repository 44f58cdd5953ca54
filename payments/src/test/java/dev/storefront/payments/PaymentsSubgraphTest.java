package dev.storefront.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

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
import static org.hamcrest.Matchers.not;

@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class PaymentsSubgraphTest {

    @Inject
    MetricRegistry metrics;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer();
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
        assertThat(sdl, containsString("url : \"https://specs.apollo.dev/federation/v2.3\""));
        assertThat(sdl, containsString("type Payment @key(fields : \"id\""));
        assertThat(sdl, containsString("type Order @key(fields : \"id\""));
        assertThat(sdl, containsString("payments: [Payment"));
        assertThat(sdl, containsString("type Money @shareable"));
        assertThat(sdl, containsString("type UserError @shareable"));
        assertThat(sdl, containsString("refundPayment(input: RefundPaymentInput!): RefundPaymentPayload!"));
        assertThat(sdl, containsString("enum PaymentTransactionKind"));
    }

    private long statements(String name) {
        return metrics.counter("db.statements", new Tag("statement", name)).getCount();
    }
}
