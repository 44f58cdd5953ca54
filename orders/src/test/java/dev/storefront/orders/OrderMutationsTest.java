package dev.storefront.orders;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.storefront.orders.checkout.CheckoutRecovery;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Status mutations and checkout input handling, with products and payments unreachable (the test
 * configuration points them at a closed port). Every illegal move of the status machine through
 * the mutations is refused with INVALID_TRANSITION and changes nothing. Checkouts against the
 * real services run in e2e/ (CheckoutTest). Status changes are made by an admin, checkouts by
 * customers; who may do what is OrderAccessTest's subject.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class OrderMutationsTest {

    private static final String ORDER_FIELDS = "order { id status trackingNumber statusHistory { status reason } } userErrors { code message field }";

    @Inject
    CheckoutRecovery recovery;

    private GraphQlClient client;
    private GraphQlClient ada;
    private GraphQlClient grace;

    @BeforeAll
    static void anOrderWhosePaymentFailed() throws SQLException {
        FreshDatabaseExtension.execute("INSERT INTO orders (id, user_id, status, total_minor, currency, failure_code, created_at, updated_at)"
                + " VALUES ('order-failed', 'user-3', 'PAYMENT_FAILED', 999, 'EUR', 'PAYMENT_DECLINED', '2026-01-20 10:00:00', '2026-01-20 10:00:01')");
        FreshDatabaseExtension.execute("INSERT INTO order_status_changes (order_id, status, reason, changed_at) VALUES"
                + " ('order-failed', 'PENDING', 'Order placed', '2026-01-20 10:00:00'),"
                + " ('order-failed', 'PAYMENT_FAILED', 'Payment declined', '2026-01-20 10:00:01')");
    }

    @BeforeEach
    void connect() {
        GraphQlClient anonymous = GraphQlClient.forRunningServer();
        client = anonymous.withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
        ada = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER"));
        grace = anonymous.withBearer(TestTokenIssuer.token("user-2", "CUSTOMER"));
    }

    @Test
    void everyIllegalTransitionIsRefusedAndChangesNothing() {
        // order-4 PENDING, order-1 PAID, order-2 SHIPPED, order-3 DELIVERED, order-5 CANCELLED, order-failed PAYMENT_FAILED
        List<String[]> illegal = List.of(
                new String[] {"order-4", "PENDING", "shipOrder(id: \"order-4\", trackingNumber: \"TRK-1\")"},
                new String[] {"order-4", "PENDING", "deliverOrder(id: \"order-4\")"},
                new String[] {"order-1", "PAID", "deliverOrder(id: \"order-1\")"},
                new String[] {"order-2", "SHIPPED", "shipOrder(id: \"order-2\", trackingNumber: \"TRK-2\")"},
                new String[] {"order-2", "SHIPPED", "cancelOrder(id: \"order-2\", reason: \"too late\")"},
                new String[] {"order-3", "DELIVERED", "shipOrder(id: \"order-3\", trackingNumber: \"TRK-3\")"},
                new String[] {"order-3", "DELIVERED", "deliverOrder(id: \"order-3\")"},
                new String[] {"order-3", "DELIVERED", "cancelOrder(id: \"order-3\")"},
                new String[] {"order-5", "CANCELLED", "shipOrder(id: \"order-5\", trackingNumber: \"TRK-5\")"},
                new String[] {"order-5", "CANCELLED", "deliverOrder(id: \"order-5\")"},
                new String[] {"order-5", "CANCELLED", "cancelOrder(id: \"order-5\")"},
                new String[] {"order-failed", "PAYMENT_FAILED", "shipOrder(id: \"order-failed\", trackingNumber: \"TRK-6\")"},
                new String[] {"order-failed", "PAYMENT_FAILED", "deliverOrder(id: \"order-failed\")"},
                new String[] {"order-failed", "PAYMENT_FAILED", "cancelOrder(id: \"order-failed\")"});
        for (String[] move : illegal) {
            String before = at(client.query("{ order(id: \"" + move[0] + "\") { status trackingNumber statusHistory { status } } }"),
                    "data.order").toString();
            JsonObject response = client.query("mutation { result: " + move[2] + " { " + ORDER_FIELDS + " } }");
            assertThat(move[2], response.containsKey("errors"), is(false));
            assertThat(move[2], string(response, "data.result.userErrors.0.code"), is("INVALID_TRANSITION"));
            assertThat(move[2], string(response, "data.result.userErrors.0.message"), containsString("is " + move[1]));
            assertThat(move[2], string(response, "data.result.order.status"), is(move[1]));
            String after = at(client.query("{ order(id: \"" + move[0] + "\") { status trackingNumber statusHistory { status } } }"),
                    "data.order").toString();
            assertThat(move[2] + " changed nothing", after, is(before));
        }
    }

    @Test
    void deliverAShippedOrderRecordsIt() throws SQLException {
        FreshDatabaseExtension.execute("INSERT INTO orders (id, user_id, status, total_minor, currency, tracking_number, created_at, updated_at)"
                + " VALUES ('order-out', 'user-4', 'SHIPPED', 500, 'EUR', 'TRK-9', '2026-01-21 10:00:00', '2026-01-21 10:00:00')");
        JsonObject delivered = client.query("mutation { deliverOrder(id: \"order-out\") { " + ORDER_FIELDS + " } }");
        assertThat(at(delivered, "data.deliverOrder.userErrors").toString(), is("[]"));
        assertThat(string(delivered, "data.deliverOrder.order.status"), is("DELIVERED"));
        assertThat(at(delivered, "data.deliverOrder.order.statusHistory").toString(),
                is("[{\"status\":\"DELIVERED\",\"reason\":\"Delivered\"}]"));

        JsonObject again = client.query("mutation { deliverOrder(id: \"order-out\") { " + ORDER_FIELDS + " } }");
        assertThat(string(again, "data.deliverOrder.userErrors.0.code"), is("INVALID_TRANSITION"));
    }

    @Test
    void unknownOrdersAndBadArgumentsAreUserErrors() {
        JsonObject unknown = client.query("mutation { cancelOrder(id: \"order-404\") { " + ORDER_FIELDS + " } }");
        assertThat(string(unknown, "data.cancelOrder.userErrors.0.code"), is("NOT_FOUND"));
        assertThat(at(unknown, "data.cancelOrder.order"), is(JsonValue.NULL));

        JsonObject tracking = client.query("mutation { shipOrder(id: \"order-1\", trackingNumber: \"no spaces!\") { " + ORDER_FIELDS + " } }");
        assertThat(string(tracking, "data.shipOrder.userErrors.0.code"), is("INVALID_TRACKING_NUMBER"));

        JsonObject reason = client.query("mutation { cancelOrder(id: \"order-1\", reason: \"" + "x".repeat(501) + "\") { " + ORDER_FIELDS + " } }");
        assertThat(string(reason, "data.cancelOrder.userErrors.0.code"), is("INVALID_REASON"));
        assertThat(string(client.query("{ order(id: \"order-1\") { status } }"), "data.order.status"), is("PAID"));

        JsonObject badId = client.query("mutation { deliverOrder(id: \"bad id\") { " + ORDER_FIELDS + " } }");
        assertThat(string(badId, "errors.0.message"), containsString("Argument 'id' is not a valid id"));
    }

    @Test
    void shippingWhilePaymentsIsDownChangesNothing() {
        JsonObject response = client.query("mutation { shipOrder(id: \"order-6\", trackingNumber: \"TRK-6\") { " + ORDER_FIELDS + " } }");
        assertThat(string(response, "data.shipOrder.userErrors.0.code"), is("SERVICE_UNAVAILABLE"));
        assertThat(string(response, "data.shipOrder.userErrors.0.message"), containsString("payments"));
        assertThat(string(response, "data.shipOrder.order.status"), is("PAID"));
        assertThat(string(response, "data.shipOrder.order.trackingNumber"), nullValue());
    }

    @Test
    void cancellingWhileServicesAreDownCancelsAndLeavesTheUndoToRecovery() throws Exception {
        JsonObject response = client.query("mutation { cancelOrder(id: \"order-4\", reason: \"Changed my mind\") { " + ORDER_FIELDS + " } }");
        assertThat(at(response, "data.cancelOrder.userErrors").toString(), is("[]"));
        assertThat(string(response, "data.cancelOrder.order.status"), is("CANCELLED"));
        assertThat(at(response, "data.cancelOrder.order.statusHistory").toString(), is(
                "[{\"status\":\"PENDING\",\"reason\":\"Order placed\"},{\"status\":\"CANCELLED\",\"reason\":\"Changed my mind\"}]"));
        assertThat("the undo is left for recovery", recoveryDue("order-4"), is(true));

        // recovery cannot finish while the services are down either: it keeps the order due, and stays quiet
        FreshDatabaseExtension.execute("UPDATE orders SET recovery_due_at = '2000-01-01 00:00:00' WHERE id = 'order-4'");
        assertThat(recovery.resolveDue(), is(0));
        assertThat(recoveryDue("order-4"), is(true));
        assertThat(string(client.query("{ order(id: \"order-4\") { status } }"), "data.order.status"), is("CANCELLED"));
    }

    @Test
    void placeOrderInputIsValidatedBeforeAnythingHappens() {
        JsonObject response = ada.query("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { " + ORDER_FIELDS + " } }",
                Map.of("input", Map.of(
                        "items", List.of(Map.of("productId", "prod-01", "quantity", 0),
                                Map.of("productId", "prod-01", "quantity", 1),
                                Map.of("productId", "bad id", "quantity", 1, "expectedUnitPriceMinor", -5)),
                        "paymentMethod", Map.of("cardNumber", "4242-4242"),
                        "idempotencyKey", "has spaces")));
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        assertThat(at(response, "data.placeOrder.order"), is(JsonValue.NULL));
        List<String> codes = at(response, "data.placeOrder.userErrors").asJsonArray().stream().map(e -> string(e, "code")).toList();
        assertThat(codes.toString(), codes, is(List.of("INVALID_IDEMPOTENCY_KEY", "INVALID_CARD_NUMBER", "INVALID_QUANTITY",
                "DUPLICATE_ITEM", "INVALID_ID", "INVALID_PRICE")));
        assertThat(at(response, "data.placeOrder.userErrors.2.field").toString(), is("[\"input\",\"items\",\"0\",\"quantity\"]"));

        JsonObject empty = ada.query("mutation { placeOrder(input: {items: [], paymentMethod: {cardNumber: \"4242424242424242\"},"
                + " idempotencyKey: \"k-empty\"}) { " + ORDER_FIELDS + " } }");
        assertThat(string(empty, "data.placeOrder.userErrors.0.code"), is("INVALID_ITEMS"));
    }

    @Test
    void placeOrderWhileProductsIsDownOrdersNothing() throws Exception {
        JsonObject response = grace.query("mutation { placeOrder(input: {items: [{productId: \"prod-01\", quantity: 1}],"
                + " paymentMethod: {cardNumber: \"4242424242424242\"}, idempotencyKey: \"k-down\"}) { " + ORDER_FIELDS + " } }");
        assertThat(response.containsKey("errors"), is(false));
        assertThat(at(response, "data.placeOrder.order"), is(JsonValue.NULL));
        assertThat(string(response, "data.placeOrder.userErrors.0.code"), is("SERVICE_UNAVAILABLE"));
        assertThat(string(response, "data.placeOrder.userErrors.0.message"), containsString("products"));
        assertThat(string(response, "data.placeOrder.userErrors.0.message"), not(containsString("Exception")));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE idempotency_key = 'k-down'"), is(0L));
    }

    private static boolean recoveryDue(String orderId) throws SQLException {
        return count("SELECT COUNT(*) FROM orders WHERE id = '" + orderId + "' AND recovery_due_at IS NOT NULL") == 1;
    }

    private static long count(String sql) throws SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + FreshDatabaseExtension.currentName()
                + "?allowPublicKeyRetrieval=true&useSSL=false", "root", "");
             var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
