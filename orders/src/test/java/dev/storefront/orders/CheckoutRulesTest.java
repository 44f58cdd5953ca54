package dev.storefront.orders;

import java.sql.SQLException;
import java.util.Map;

import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.orders.persistence.StatusChange;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.orders.CartTest.count;
import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * What checkout and the shipping address do before and after the saga: sign-in, an empty cart,
 * an address the account does not have or users being down (nothing ordered, the cart kept), a
 * repeated key, and how an order's PAID status takes the bought quantities out of its cart
 * (once; a raised line keeps the difference, new lines stay). The saga itself against the real
 * products and payments runs in e2e/ (CartCheckoutTest). Users' internal address endpoint and the
 * products lookup are served by {@link PeerServices}; payments is unreachable.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class, PeerServices.class})
@HelidonTest
class CheckoutRulesTest {

    private static final String CHECKOUT = "mutation($input: CheckoutInput!) { checkout(input: $input) {"
            + " order { id status shippingAddress { recipient city } } userErrors { code message field } } }";
    private static final String CART_LINES = "{ cart { lines { product { id } quantity } } }";

    @Inject
    OrderRepository orders;

    private GraphQlClient anonymous;

    @BeforeEach
    void connect() {
        anonymous = GraphQlClient.forRunningServer();
    }

    private GraphQlClient as(String userId) {
        return anonymous.withBearer(TestTokenIssuer.token(userId, "CUSTOMER"));
    }

    private static Map<String, Object> input(String key, String addressId) {
        return Map.of("input", Map.of("idempotencyKey", key, "shippingAddressId", addressId,
                "paymentMethod", Map.of("cardNumber", "4242424242424242")));
    }

    @Test
    void checkoutNeedsASignedInShopperAndSomethingInTheCart() {
        JsonObject anonymousCheckout = anonymous.query(CHECKOUT, input("k-anon", "addr-1"));
        assertThat(string(anonymousCheckout, "errors.0.message"), containsString("Not authenticated"));
        assertThat(at(anonymousCheckout, "data"), is(JsonValue.NULL));

        GraphQlClient shopper = as("user-co-1");
        JsonObject noCart = shopper.query(CHECKOUT, input("k-empty-1", "addr-1"));
        assertThat(noCart.toString(), string(noCart, "data.checkout.userErrors.0.code"), is("EMPTY_CART"));
        assertThat(at(noCart, "data.checkout.order"), is(JsonValue.NULL));
        shopper.query("mutation { addToCart(productId: \"prod-01\") { userErrors { code } } }");
        shopper.query("mutation { clearCart { userErrors { code } } }");
        assertThat(string(shopper.query(CHECKOUT, input("k-empty-2", "addr-1")), "data.checkout.userErrors.0.code"), is("EMPTY_CART"));

        assertThat(string(shopper.query(CHECKOUT, input("has spaces", "addr-1")), "data.checkout.userErrors.0.code"),
                is("INVALID_IDEMPOTENCY_KEY"));
    }

    @Test
    void anAddressTheAccountDoesNotHaveOrUsersBeingDownOrdersNothingAndKeepsTheCart() throws SQLException {
        GraphQlClient shopper = as("user-co-2");
        shopper.query("mutation { addToCart(productId: \"prod-02\", quantity: 2) { userErrors { code } } }");
        String before = shopper.query(CART_LINES).toString();
        // another account's address is as unknown as a missing one
        PeerServices.putAddress("user-co-other", "addr-other", "Someone Else", "1 Elsewhere", "Oslo", "0150", "NO");

        JsonObject unknown = shopper.query(CHECKOUT, input("k-addr-1", "addr-other"));
        assertThat(unknown.toString(), string(unknown, "data.checkout.userErrors.0.code"), is("ADDRESS_NOT_FOUND"));
        assertThat(at(unknown, "data.checkout.userErrors.0.field").toString(), is("[\"input\",\"shippingAddressId\"]"));
        assertThat(at(unknown, "data.checkout.order"), is(JsonValue.NULL));

        // placeOrder checks a given address the same way
        JsonObject placed = shopper.query("mutation { placeOrder(input: {items: [{productId: \"prod-01\", quantity: 1}],"
                + " paymentMethod: {cardNumber: \"4242424242424242\"}, idempotencyKey: \"k-addr-3\", shippingAddressId: \"addr-9\"})"
                + " { order { id } userErrors { code field } } }");
        assertThat(string(placed, "data.placeOrder.userErrors.0.code"), is("ADDRESS_NOT_FOUND"));

        // (last: three failed calls open the circuit breaker to users for a few seconds)
        PeerServices.putAddress("user-co-2", "addr-2", "Grace Hopper", "1 Navy Yard", "Arlington", "22202", "US");
        PeerServices.usersDown(true);
        try {
            JsonObject down = shopper.query(CHECKOUT, input("k-addr-2", "addr-2"));
            assertThat(down.toString(), string(down, "data.checkout.userErrors.0.code"), is("SERVICE_UNAVAILABLE"));
            assertThat(string(down, "data.checkout.userErrors.0.message"), containsString("users"));
            assertThat(at(down, "data.checkout.order"), is(JsonValue.NULL));
        } finally {
            PeerServices.usersDown(false);
        }
        assertThat("nothing was ordered", count("SELECT COUNT(*) FROM orders WHERE user_id = 'user-co-2'"), is(0L));
        assertThat("the cart is as it was", shopper.query(CART_LINES).toString(), is(before));

        JsonObject badId = shopper.query(CHECKOUT, input("k-addr-4", "bad id"));
        assertThat(string(badId, "data.checkout.userErrors.0.code"), is("INVALID_ID"));
    }

    @Test
    void aRepeatedKeyAnswersTheSameOrderAndAPlaceOrderKeyIsNotACheckoutsKey() throws SQLException {
        GraphQlClient shopper = as("user-co-3");
        shopper.query("mutation { addToCart(productId: \"prod-03\") { userErrors { code } } }");
        String cartId = string(shopper.query("{ cart { id } }"), "data.cart.id");
        order("order-co-placed", "user-co-3", "PAID", "k-placed");
        order("order-co-checked-out", "user-co-3", "PAID", "k-checked-out");
        FreshDatabaseExtension.execute("INSERT INTO cart_checkouts (order_id, cart_id) VALUES ('order-co-checked-out', '" + cartId + "')");

        JsonObject reused = shopper.query(CHECKOUT, input("k-placed", "addr-1"));
        assertThat(string(reused, "data.checkout.userErrors.0.code"), is("IDEMPOTENCY_KEY_REUSED"));

        JsonObject repeat = shopper.query(CHECKOUT, input("k-checked-out", "addr-1"));
        assertThat(repeat.toString(), at(repeat, "data.checkout.userErrors").toString(), is("[]"));
        assertThat(string(repeat, "data.checkout.order.id"), is("order-co-checked-out"));
        assertThat(string(repeat, "data.checkout.order.status"), is("PAID"));
        assertThat("the cart is untouched by a repeat", at(shopper.query(CART_LINES), "data.cart.lines").toString(),
                is("[{\"product\":{\"id\":\"prod-03\"},\"quantity\":1}]"));
    }

    @Test
    void anOrderBecomingPaidTakesWhatItBoughtOutOfItsCartOnce() throws SQLException {
        GraphQlClient shopper = as("user-co-4");
        // at checkout the cart held prod-01 x2, prod-02 x1, prod-04 x1: that is what the order bought
        String cartId = string(shopper.query("{ cart { id } }"), "data.cart.id");
        order("order-co-paying", "user-co-4", "PENDING", "k-paying");
        FreshDatabaseExtension.execute("INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_minor, currency)"
                + " VALUES ('order-co-paying', 1, 'prod-01', 2, 1001, 'EUR'), ('order-co-paying', 2, 'prod-02', 1, 1002, 'EUR'),"
                + " ('order-co-paying', 3, 'prod-04', 1, 1004, 'EUR')");
        FreshDatabaseExtension.execute("INSERT INTO cart_checkouts (order_id, cart_id) VALUES ('order-co-paying', '" + cartId + "')");
        // meanwhile, on another device: prod-01 raised to 5, prod-03 added, prod-04 taken out
        shopper.query("mutation { a: addToCart(productId: \"prod-01\", quantity: 5) { userErrors { code } }"
                + " b: addToCart(productId: \"prod-02\") { userErrors { code } } c: addToCart(productId: \"prod-03\") { userErrors { code } } }");

        assertThat(orders.apply(StatusChange.of("order-co-paying", OrderStatus.PENDING, OrderStatus.PAID, "Payment authorized")),
                is(true));
        assertThat(at(shopper.query(CART_LINES), "data.cart.lines").toString(),
                is("[{\"product\":{\"id\":\"prod-01\"},\"quantity\":3},{\"product\":{\"id\":\"prod-03\"},\"quantity\":1}]"));

        // PAID happens once: a second confirmation (recovery racing the saga) changes nothing
        assertThat(orders.apply(StatusChange.of("order-co-paying", OrderStatus.PENDING, OrderStatus.PAID, "again")), is(false));
        assertThat(at(shopper.query(CART_LINES), "data.cart.lines").toString(),
                is("[{\"product\":{\"id\":\"prod-01\"},\"quantity\":3},{\"product\":{\"id\":\"prod-03\"},\"quantity\":1}]"));

        // an order that fails keeps its hands off the cart
        order("order-co-failing", "user-co-4", "PENDING", "k-failing");
        FreshDatabaseExtension.execute("INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_minor, currency)"
                + " VALUES ('order-co-failing', 1, 'prod-01', 3, 1001, 'EUR')");
        FreshDatabaseExtension.execute("INSERT INTO cart_checkouts (order_id, cart_id) VALUES ('order-co-failing', '" + cartId + "')");
        orders.apply(StatusChange.of("order-co-failing", OrderStatus.PENDING, OrderStatus.PAYMENT_FAILED, "Declined"));
        assertThat(at(shopper.query(CART_LINES), "data.cart.lines").toString(),
                is("[{\"product\":{\"id\":\"prod-01\"},\"quantity\":3},{\"product\":{\"id\":\"prod-03\"},\"quantity\":1}]"));
    }

    @Test
    void anOrdersShippingAddressIsItsOwnCopy() {
        GraphQlClient ada = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER"));
        JsonObject order = ada.query("{ order(id: \"order-1\") { shippingAddress { recipient line1 line2 city postalCode country phone } } }");
        assertThat(order.toString(), at(order, "data.order.shippingAddress").toString(), is("{\"recipient\":\"Ada Lovelace\","
                + "\"line1\":\"12 St James's Square\",\"line2\":null,\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\","
                + "\"phone\":\"+44 20 7946 0001\"}"));
        GraphQlClient admin = anonymous.withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
        JsonObject without = admin.query("{ order(id: \"order-4\") { id shippingAddress { city } } }");
        assertThat("an order placed without one has none", at(without, "data.order").toString(),
                is("{\"id\":\"order-4\",\"shippingAddress\":null}"));
    }

    private static void order(String id, String userId, String status, String key) throws SQLException {
        FreshDatabaseExtension.execute("INSERT INTO orders (id, user_id, status, total_minor, currency, idempotency_key, request_hash,"
                + " created_at, updated_at) VALUES ('" + id + "', '" + userId + "', '" + status + "', 1000, 'EUR', '" + key + "',"
                + " 'x', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    }
}
