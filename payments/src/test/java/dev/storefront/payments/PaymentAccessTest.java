package dev.storefront.payments;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Who may see and change payments: {@code payment(id)} answers the customer who owns the order
 * (recorded from the authorization request's {@code userId}) and admins; {@code refundPayment}
 * answers admins only. Everyone else gets a GraphQL error at the field and no data.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class PaymentAccessTest {

    private static final String PAYMENT = "query($id: ID!) { payment(id: $id) { id status order { id payments { id } } } }";
    private static final String REFUND = "mutation($input: RefundPaymentInput!) { refundPayment(input: $input) {"
            + " payment { id status } userErrors { code } } }";
    private static final String NOT_SIGNED_IN = "Not authenticated: sign in and send 'Authorization: Bearer <token>'";
    private static final String NOT_YOURS = "Access denied: this belongs to another account";
    private static final String ADMIN_ONLY = "Access denied: this operation requires the ADMIN role";

    private GraphQlClient anonymous;
    private GraphQlClient ada;
    private GraphQlClient grace;
    private GraphQlClient admin;

    @BeforeEach
    void connect() {
        anonymous = GraphQlClient.forRunningServer();
        ada = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER"));
        grace = anonymous.withBearer(TestTokenIssuer.token("user-2", "CUSTOMER"));
        admin = anonymous.withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
    }

    @Test
    void theOwnerOfTheOrderSeesTheirPayment() {
        JsonObject response = ada.query(PAYMENT, Map.of("id", "pay-2"));
        assertThat(response.toString(), is("{\"data\":{\"payment\":{\"id\":\"pay-2\",\"status\":\"CAPTURED\","
                + "\"order\":{\"id\":\"order-2\",\"payments\":[{\"id\":\"pay-2\"}]}}}}"));
    }

    @Test
    void anAdminSeesAnyPaymentAndNullForNone() {
        assertThat(string(admin.query(PAYMENT, Map.of("id", "pay-3")), "data.payment.id"), is("pay-3"));
        JsonObject none = admin.query(PAYMENT, Map.of("id", "pay-404"));
        assertThat(none.toString(), is("{\"data\":{\"payment\":null}}"));
    }

    @Test
    void anotherCustomerIsDeniedWhetherOrNotThePaymentExists() {
        // grace owns pay-3 and pay-6, not ada's pay-1; an unknown id gets the same answer, so ids cannot be probed
        assertRefused(grace.query(PAYMENT, Map.of("id", "pay-1")), "payment", NOT_YOURS);
        assertRefused(grace.query(PAYMENT, Map.of("id", "pay-404")), "payment", NOT_YOURS);
        assertThat(string(grace.query(PAYMENT, Map.of("id", "pay-6")), "data.payment.id"), is("pay-6"));
    }

    @Test
    void callersWithoutAValidTokenAreRefused() {
        Map<GraphQlClient, String> callers = new LinkedHashMap<>();
        callers.put(anonymous, NOT_SIGNED_IN);
        callers.put(anonymous.withBearer(TestTokenIssuer.expiredToken("user-1", "CUSTOMER")),
                "Not authenticated: The token has expired; sign in again");
        callers.put(anonymous.withBearer(TestTokenIssuer.tokenSignedByAnotherKey("user-1", "ADMIN")),
                "Not authenticated: The token's signature is not from a trusted key");
        callers.put(anonymous.withBearer(TestTokenIssuer.tokenForAudience("another-app", "user-1", "ADMIN")),
                "Not authenticated: The token was issued for another audience");
        callers.forEach((client, message) -> {
            assertRefused(client.query(PAYMENT, Map.of("id", "pay-1")), "payment", message);
            assertRefused(client.query(REFUND, Map.of("input", refund("pay-2", 100))), "refundPayment", message);
        });
        assertThat(TestDatabase.transactions("pay-2", "REFUND"), is(0L));
    }

    @Test
    void refundPaymentIsForAdminsOnly() {
        // ada owns pay-2 but may not refund it herself
        assertRefused(ada.query(REFUND, Map.of("input", refund("pay-2", 100))), "refundPayment", ADMIN_ONLY);
        assertThat(TestDatabase.transactions("pay-2", "REFUND"), is(0L));

        JsonObject refunded = admin.query(REFUND, Map.of("input", refund("pay-3", 100)));
        assertThat(refunded.toString(), is("{\"data\":{\"refundPayment\":{\"payment\":{\"id\":\"pay-3\","
                + "\"status\":\"PARTIALLY_REFUNDED\"},\"userErrors\":[]}}}"));
    }

    @Test
    void anAuthorizationRecordsTheOwnerItNames() {
        InternalApiClient internal = InternalApiClient.forRunningServer();
        InternalApiClient.Reply authorized = internal.put("/internal/payments/authorizations/access-owned",
                authorization("order-a1", "user-3"));
        assertThat(authorized.body(), authorized.status(), is(200));
        String paymentId = authorized.field("paymentId");

        GraphQlClient alan = anonymous.withBearer(TestTokenIssuer.token("user-3", "CUSTOMER"));
        assertThat(string(alan.query(PAYMENT, Map.of("id", paymentId)), "data.payment.id"), is(paymentId));
        assertRefused(ada.query(PAYMENT, Map.of("id", paymentId)), "payment", NOT_YOURS);

        // a retry that does not name the owner (an older orders service) is the same request
        InternalApiClient.Reply retried = internal.put("/internal/payments/authorizations/access-owned",
                authorization("order-a1", null));
        assertThat(retried.body(), retried.status(), is(200));
        assertThat(retried.field("paymentId"), is(paymentId));
        // the same key for another owner is a mistake, not a retry
        InternalApiClient.Reply otherOwner = internal.put("/internal/payments/authorizations/access-owned",
                authorization("order-a1", "user-4"));
        assertThat(otherOwner.body(), otherOwner.status(), is(409));
        assertThat(otherOwner.field("code"), is("IDEMPOTENCY_KEY_REUSED"));
    }

    @Test
    void aPaymentWithoutARecordedOwnerIsForAdminsOnly() {
        InternalApiClient.Reply authorized = InternalApiClient.forRunningServer().put(
                "/internal/payments/authorizations/access-unowned", authorization("order-a2", null));
        assertThat(authorized.body(), authorized.status(), is(200));
        String paymentId = authorized.field("paymentId");

        assertRefused(ada.query(PAYMENT, Map.of("id", paymentId)), "payment", NOT_YOURS);
        assertThat(string(admin.query(PAYMENT, Map.of("id", paymentId)), "data.payment.id"), is(paymentId));
    }

    @Test
    void aMalformedOwnerIsABadRequest() {
        InternalApiClient internal = InternalApiClient.forRunningServer();
        InternalApiClient.Reply notAnId = internal.put("/internal/payments/authorizations/access-bad-1",
                authorization("order-a3", "user 3; drop"));
        assertThat(notAnId.status(), is(400));
        assertThat(notAnId.field("code"), is("INVALID_REQUEST"));
        assertThat(notAnId.field("message"), is("userId is not a valid id: 'user 3; drop'"));

        InternalApiClient.Reply notAString = internal.put("/internal/payments/authorizations/access-bad-2",
                Json.createObjectBuilder(Json.createReader(new java.io.StringReader(authorization("order-a3", null)))
                        .readObject()).add("userId", 3).build().toString());
        assertThat(notAString.status(), is(400));
        assertThat(notAString.field("message"), is("Field 'userId' must be a string when present"));
    }

    private static void assertRefused(JsonObject response, String field, String message) {
        String context = field + ": " + response;
        assertThat(context, at(response, "data." + field), is(JsonValue.NULL));
        assertThat(context, string(response, "errors.0.message"), is(message));
        assertThat(context, at(response, "errors.0.path").toString(), is("[\"" + field + "\"]"));
        assertThat(context, response.getJsonArray("errors").size(), is(1));
    }

    private static Map<String, Object> refund(String paymentId, int amountMinor) {
        return Map.of("paymentId", paymentId, "amount", Map.of("amountMinor", amountMinor, "currency", "EUR"));
    }

    /** The internal authorization body orders sends, with the order's owner when given. */
    private static String authorization(String orderId, String userId) {
        var body = Json.createObjectBuilder()
                .add("orderId", orderId)
                .add("amount", Json.createObjectBuilder().add("amountMinor", 2500).add("currency", "EUR"))
                .add("method", "CARD")
                .add("cardNumber", "4242424242424242");
        if (userId != null) {
            body.add("userId", userId);
        }
        return body.build().toString();
    }
}
