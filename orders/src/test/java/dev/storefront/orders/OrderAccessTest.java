package dev.storefront.orders;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

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

/**
 * Who may read and change orders, over real HTTP with tokens verified against a JWKS: for every
 * protected query, field and mutation, no token, an expired token, a token signed by another key,
 * a token for another audience, another customer's token and (on admin operations) a customer's
 * token are refused with the right error and no data, and change nothing; the owner and an admin
 * succeed. Products and payments are unreachable here (test configuration), which the successful
 * cases show by the service-unavailable userErrors that only a permitted caller gets to see.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class OrderAccessTest {

    private static final String NOT_SIGNED_IN = "Not authenticated: sign in and send 'Authorization: Bearer <token>'";
    private static final String ANOTHER_ACCOUNT = "Access denied: this belongs to another account";
    private static final String ADMINS_ONLY = "Access denied: this operation requires the ADMIN role";
    private static final String USER_ORDERS = "query($r: [_Any!]!) { _entities(representations: $r) {"
            + " ... on User { id orders { edges { node { id } } } } } }";
    private static final String PAYLOAD = "order { id status } userErrors { code message }";

    private static int inserted;

    private GraphQlClient anonymous;
    private GraphQlClient ada;
    private GraphQlClient grace;
    private GraphQlClient admin;

    @BeforeAll
    static void ordersOfAdaAndGrace() throws SQLException {
        // besides the demo orders (order-1, order-2 Ada's; order-3, order-6 Grace's): one per test that changes state
        insert("order-ada-paid", "user-1", "PAID", null);
        insert("order-ada-shipped", "user-1", "SHIPPED", null);
        insert("order-ada-pending", "user-1", "PENDING", null);
        insert("order-ada-delivered", "user-1", "DELIVERED", null);
        insert("order-grace-paid", "user-2", "PAID", null);
        insert("order-ada-keyed", "user-1", "PAID", "k-shared");
    }

    @BeforeEach
    void connect() {
        anonymous = GraphQlClient.forRunningServer();
        ada = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER"));
        grace = anonymous.withBearer(TestTokenIssuer.token("user-2", "CUSTOMER"));
        admin = anonymous.withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
    }

    /** Each client whose token must not be trusted, with the refusal it gets. */
    private Map<GraphQlClient, String> untrusted() {
        return Map.of(
                anonymous, NOT_SIGNED_IN,
                anonymous.withBearer(TestTokenIssuer.expiredToken("user-1", "CUSTOMER")),
                "Not authenticated: The token has expired; sign in again",
                anonymous.withBearer(TestTokenIssuer.tokenSignedByAnotherKey("user-1", "ADMIN")),
                "Not authenticated: The token's signature is not from a trusted key",
                anonymous.withBearer(TestTokenIssuer.tokenForAudience("another-app", "user-1", "ADMIN")),
                "Not authenticated: The token was issued for another audience");
    }

    @Test
    void anOrderIsReadByItsOwnerAndByAdminsOnly() {
        assertThat(string(ada.query("{ order(id: \"order-1\") { id user { id } } }"), "data.order.user.id"), is("user-1"));
        assertThat(string(admin.query("{ order(id: \"order-3\") { id user { id } } }"), "data.order.user.id"), is("user-2"));

        assertRefused(ada.query("{ order(id: \"order-3\") { id total { amountMinor } } }"), "order", ANOTHER_ACCOUNT);
        // a missing order looks exactly like someone else's, so ids cannot be probed
        assertRefused(ada.query("{ order(id: \"order-404\") { id } }"), "order", ANOTHER_ACCOUNT);
        untrusted().forEach((client, message) -> assertRefused(client.query("{ order(id: \"order-1\") { id } }"), "order", message));

        JsonObject missingForAdmin = admin.query("{ order(id: \"order-404\") { id } }");
        assertThat(at(missingForAdmin, "data.order"), is(JsonValue.NULL));
        assertThat(missingForAdmin.containsKey("errors"), is(false));
    }

    @Test
    void userOrdersAreReadByTheUserThemselfAndByAdminsOnly() {
        JsonObject own = ada.query(USER_ORDERS, users("user-1"));
        assertThat(own.toString(), own.containsKey("errors"), is(false));
        assertThat(orderIdsOf(own, 0), is(List.of("order-1", "order-2",
                "order-ada-paid", "order-ada-shipped", "order-ada-pending", "order-ada-delivered", "order-ada-keyed")));
        JsonObject anyones = admin.query(USER_ORDERS, users("user-2"));
        assertThat(anyones.toString(), anyones.containsKey("errors"), is(false));
        assertThat(orderIdsOf(anyones, 0), is(List.of("order-3", "order-6", "order-grace-paid")));

        JsonObject others = grace.query(USER_ORDERS, users("user-1"));
        assertEntityFieldRefused(others, 0, ANOTHER_ACCOUNT);
        untrusted().forEach((client, message) -> assertEntityFieldRefused(client.query(USER_ORDERS, users("user-1")), 0, message));

        // in one batch, the caller's own orders come back and the other user's are refused at their position
        JsonObject mixed = ada.query(USER_ORDERS, users("user-1", "user-2"));
        assertThat(orderIdsOf(mixed, 0).get(0), is("order-1"));
        assertThat(at(mixed, "data._entities.1"), is(JsonValue.NULL));
        assertThat(at(mixed, "errors").asJsonArray().size(), is(1));
        assertThat(string(mixed, "errors.0.message"), is(ANOTHER_ACCOUNT));
        assertThat(at(mixed, "errors.0.path").toString(), is("[\"_entities\",1,\"orders\"]"));
        assertThat(mixed.toString(), not(containsString("order-3")));
    }

    @Test
    void ordersResolvedAsEntitiesAreTheOwnersAndAdminsOnly() {
        String query = "{ _entities(representations: [{__typename: \"Order\", id: \"order-1\"}, {__typename: \"Order\", id: \"order-3\"}])"
                + " { ... on Order { id total { amountMinor } } } }";
        JsonObject mine = ada.query(query);
        assertThat(string(mine, "data._entities.0.id"), is("order-1"));
        assertThat(at(mine, "data._entities.1"), is(JsonValue.NULL));
        assertThat(at(mine, "errors.0.path").toString(), is("[\"_entities\",1]"));

        untrusted().forEach((client, message) -> {
            JsonObject refused = client.query(query);
            assertThat(message, at(refused, "data._entities").toString(), is("[null,null]"));
        });
        assertThat(at(admin.query(query), "data._entities").toString(),
                is("[{\"id\":\"order-1\",\"total\":{\"amountMinor\":16997}},{\"id\":\"order-3\",\"total\":{\"amountMinor\":21899}}]"));
    }

    @Test
    void shippingAndDeliveringAreForAdminsOnly() {
        String ship = "mutation { shipOrder(id: \"order-ada-paid\", trackingNumber: \"TRK-1\") { " + PAYLOAD + " } }";
        String deliver = "mutation { deliverOrder(id: \"order-ada-shipped\") { " + PAYLOAD + " } }";
        Map<GraphQlClient, String> refused = new java.util.HashMap<>(untrusted());
        // the order's own customer included: shipping is the shop's business
        refused.put(ada, ADMINS_ONLY);
        refused.forEach((client, message) -> {
            assertRefused(client.query(ship), "shipOrder", message);
            assertRefused(client.query(deliver), "deliverOrder", message);
        });
        assertThat(statusOf("order-ada-paid"), is("PAID"));
        assertThat(statusOf("order-ada-shipped"), is("SHIPPED"));
        assertThat(historyOf("order-ada-shipped"), is("[]"));

        // (these orders have no payment to capture, so payments being unreachable here does not matter)
        JsonObject shipped = admin.query(ship);
        assertThat(shipped.toString(), at(shipped, "data.shipOrder.userErrors").toString(), is("[]"));
        assertThat(string(shipped, "data.shipOrder.order.status"), is("SHIPPED"));
        JsonObject delivered = admin.query(deliver);
        assertThat(at(delivered, "data.deliverOrder.userErrors").toString(), is("[]"));
        assertThat(string(delivered, "data.deliverOrder.order.status"), is("DELIVERED"));
    }

    @Test
    void anOrderIsCancelledByItsOwnerWhileNotShippedOrByAnAdmin() {
        String cancelAdas = "mutation { cancelOrder(id: \"order-ada-pending\", reason: \"mine now\") { " + PAYLOAD + " } }";
        assertRefused(grace.query(cancelAdas), "cancelOrder", ANOTHER_ACCOUNT);
        assertRefused(grace.query("mutation { cancelOrder(id: \"order-404\") { " + PAYLOAD + " } }"), "cancelOrder", ANOTHER_ACCOUNT);
        untrusted().forEach((client, message) -> assertRefused(client.query(cancelAdas), "cancelOrder", message));
        assertThat(statusOf("order-ada-pending"), is("PENDING"));
        assertThat(historyOf("order-ada-pending"), is("[]"));

        JsonObject own = ada.query("mutation { cancelOrder(id: \"order-ada-pending\", reason: \"Changed my mind\") { " + PAYLOAD + " } }");
        assertThat(at(own, "data.cancelOrder.userErrors").toString(), is("[]"));
        assertThat(string(own, "data.cancelOrder.order.status"), is("CANCELLED"));

        // the owner's right ends where the status machine's does
        JsonObject tooLate = ada.query("mutation { cancelOrder(id: \"order-ada-delivered\") { " + PAYLOAD + " } }");
        assertThat(string(tooLate, "data.cancelOrder.userErrors.0.code"), is("INVALID_TRANSITION"));
        assertThat(statusOf("order-ada-delivered"), is("DELIVERED"));

        JsonObject byAdmin = admin.query("mutation { cancelOrder(id: \"order-grace-paid\", reason: \"Fraud check\") { " + PAYLOAD + " } }");
        assertThat(at(byAdmin, "data.cancelOrder.userErrors").toString(), is("[]"));
        assertThat(string(byAdmin, "data.cancelOrder.order.status"), is("CANCELLED"));
        assertThat(string(admin.query("mutation { cancelOrder(id: \"order-404\") { " + PAYLOAD + " } }"),
                "data.cancelOrder.userErrors.0.code"), is("NOT_FOUND"));
    }

    @Test
    void placingAnOrderNeedsASignedInCallerAndNamesNoBuyer() throws SQLException {
        String place = "mutation { placeOrder(input: {items: [{productId: \"prod-01\", quantity: 1}],"
                + " paymentMethod: {cardNumber: \"4242424242424242\"}, idempotencyKey: \"k-refused\"}) { " + PAYLOAD + " } }";
        untrusted().forEach((client, message) -> assertRefused(client.query(place), "placeOrder", message));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE idempotency_key = 'k-refused'"), is(0L));

        // the input has no buyer to name: ordering as someone else cannot even be expressed
        JsonObject asSomeoneElse = ada.query("mutation { placeOrder(input: {userId: \"user-2\", items: [{productId: \"prod-01\","
                + " quantity: 1}], paymentMethod: {cardNumber: \"4242424242424242\"}, idempotencyKey: \"k-other\"}) { " + PAYLOAD + " } }");
        assertThat(string(asSomeoneElse, "errors.0.message"), containsString("userId"));
        assertThat(at(asSomeoneElse, "data"), is(JsonValue.NULL));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE idempotency_key = 'k-other'"), is(0L));

        // a signed-in customer gets through to the checkout, which cannot reach products here
        JsonObject signedIn = ada.query(place);
        assertThat(signedIn.toString(), string(signedIn, "data.placeOrder.userErrors.0.code"), is("SERVICE_UNAVAILABLE"));
    }

    @Test
    void idempotencyKeysBelongToTheSignedInAccount() {
        String withSharedKey = "mutation { placeOrder(input: {items: [{productId: \"prod-02\", quantity: 1}],"
                + " paymentMethod: {cardNumber: \"4242424242424242\"}, idempotencyKey: \"k-shared\"}) { " + PAYLOAD + " } }";
        // Ada used k-shared for another order: hers, so a different request with it is refused
        JsonObject adas = ada.query(withSharedKey);
        assertThat(string(adas, "data.placeOrder.userErrors.0.code"), is("IDEMPOTENCY_KEY_REUSED"));
        assertThat(at(adas, "data.placeOrder.order"), is(JsonValue.NULL));
        // Grace's k-shared is her own: neither Ada's order nor a refusal, but a checkout of its own
        JsonObject graces = grace.query(withSharedKey);
        assertThat(string(graces, "data.placeOrder.userErrors.0.code"), is("SERVICE_UNAVAILABLE"));
        assertThat(at(graces, "data.placeOrder.order"), is(JsonValue.NULL));
    }

    private static Map<String, Object> users(String... ids) {
        return Map.of("r", java.util.Arrays.stream(ids).map(id -> Map.of("__typename", "User", "id", id)).toList());
    }

    private static List<String> orderIdsOf(JsonObject response, int entity) {
        return at(response, "data._entities." + entity + ".orders.edges").asJsonArray().stream()
                .map(edge -> string(edge, "node.id")).toList();
    }

    private String statusOf(String orderId) {
        return string(admin.query("{ order(id: \"" + orderId + "\") { status } }"), "data.order.status");
    }

    private String historyOf(String orderId) {
        return at(admin.query("{ order(id: \"" + orderId + "\") { statusHistory { status } } }"), "data.order.statusHistory").toString();
    }

    private static void assertRefused(JsonObject response, String field, String message) {
        assertThat(response.toString(), at(response, "data." + field), is(JsonValue.NULL));
        assertThat(response.toString(), string(response, "errors.0.message"), is(message));
        assertThat(at(response, "errors.0.path").toString(), is("[\"" + field + "\"]"));
    }

    private static void assertEntityFieldRefused(JsonObject response, int position, String message) {
        assertThat(response.toString(), at(response, "data._entities." + position), is(JsonValue.NULL));
        assertThat(response.toString(), string(response, "errors.0.message"), is(message));
        // the whole path (subgraph-support restores what Helidon 4.1.2 cuts to ["_entities"])
        assertThat(response.toString(), at(response, "errors.0.path").toString(), is("[\"_entities\"," + position + ",\"orders\"]"));
    }

    private static void insert(String id, String userId, String status, String idempotencyKey) throws SQLException {
        FreshDatabaseExtension.execute("INSERT INTO orders (id, user_id, status, total_minor, currency, idempotency_key,"
                + " request_hash, created_at, updated_at) VALUES ('" + id + "', '" + userId + "', '" + status + "', 1999, 'EUR', "
                + (idempotencyKey == null ? "NULL, NULL" : "'" + idempotencyKey + "', '" + "0".repeat(64) + "'")
                // placed a minute apart, in the order inserted
                + ", '2026-02-01 10:" + String.format("%02d", inserted) + ":00', '2026-02-01 10:00:00')");
        inserted++;
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
