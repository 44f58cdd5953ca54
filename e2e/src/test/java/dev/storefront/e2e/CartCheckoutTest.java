package dev.storefront.e2e;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The cart and its checkout through the gateway, across the real users, products, orders and
 * payments processes: an anonymous cart merged at sign-in and bought (the cart emptied of it, the
 * stock taken, the address copied), failures that leave the cart as it was (out of stock, a
 * declined card), a repeated idempotency key (same order, cart emptied once), and an order's
 * address copy surviving changes to the account's address book. Every test registers its own
 * shopper and creates its own products, so the demo data and the other classes are unaffected.
 * The addresses come from users' address book ({@code addAddress}, {@code updateAddress},
 * {@code removeAddress}) through its internal {@code GET /internal/users/{userId}/addresses/{addressId}}.
 */
class CartCheckoutTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();

    private static final String SUCCESS_CARD = "4242424242424242";
    private static final String DECLINED_CARD = "4000000000000002";
    private static final String CART = "cart { id itemCount lines { quantity product { id name stock price { amountMinor currency } } } }";
    private static final String CHECKOUT = "mutation($input: CheckoutInput!) { checkout(input: $input) {"
            + " order { id status total { amountMinor } items { quantity product { id } }"
            + " shippingAddress { recipient line1 line2 city postalCode country phone } }"
            + " userErrors { code message field } } }";

    @Test
    void anAnonymousCartMergedAtSignInIsBoughtAndLeavesTheCart() throws Exception {
        String product = newProduct(10, 2500);
        String other = newProduct(10, 700);
        JsonObject anonymous = gateway("mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { cartToken " + CART
                + " userErrors { code } } }", Map.of("p", product), null);
        String cartToken = string(anonymous, "data.addToCart.cartToken");
        assertThat(anonymous.toString(), string(anonymous, "data.addToCart.cart.lines.0.product.name"), is("Cart test item"));
        assertThat("the product's current price and stock come through the federation",
                at(anonymous, "data.addToCart.cart.lines.0.product.price.amountMinor").toString(), is("2500"));

        Shopper shopper = Shopper.register();
        gateway("mutation($p: ID!) { addToCart(productId: $p) { userErrors { code } } }", Map.of("p", other), shopper.token);
        JsonObject merged = gateway("mutation($t: String!) { mergeCart(cartToken: $t) { " + CART + " userErrors { code } } }",
                Map.of("t", cartToken), shopper.token);
        assertThat(merged.toString(), at(merged, "data.mergeCart.userErrors").toString(), is("[]"));
        assertThat(at(merged, "data.mergeCart.cart.itemCount").toString(), is("3"));

        String address = shopper.addAddress("Ada Lovelace", "Zurich");
        JsonObject bought = gateway(CHECKOUT, checkout("cart-buy-1", address, SUCCESS_CARD), shopper.token);
        assertThat(bought.toString(), at(bought, "data.checkout.userErrors").toString(), is("[]"));
        assertThat(string(bought, "data.checkout.order.status"), is("PAID"));
        assertThat(at(bought, "data.checkout.order.total.amountMinor").toString(), is(String.valueOf(700 + 2 * 2500)));
        assertThat(string(bought, "data.checkout.order.shippingAddress.city"), is("Zurich"));
        assertThat(string(bought, "data.checkout.order.shippingAddress.recipient"), is("Ada Lovelace"));

        JsonObject after = gateway("{ " + CART + " }", Map.of(), shopper.token);
        assertThat("the cart is emptied of what was bought", at(after, "data.cart.itemCount").toString(), is("0"));
        assertThat(stock(product), is(8));
        assertThat(stock(other), is(9));
    }

    @Test
    void aCheckoutThatFailsLeavesTheCartAsItWas() throws Exception {
        Shopper shopper = Shopper.register();
        String address = shopper.addAddress("Grace Hopper", "Arlington");
        String scarce = newProduct(1, 1000);
        String plenty = newProduct(10, 500);
        gateway("mutation($a: ID!, $b: ID!) { a: addToCart(productId: $a, quantity: 2) { userErrors { code } }"
                + " b: addToCart(productId: $b) { userErrors { code } } }", Map.of("a", scarce, "b", plenty), shopper.token);
        String before = at(gateway("{ " + CART + " }", Map.of(), shopper.token), "data.cart").toString();

        JsonObject outOfStock = gateway(CHECKOUT, checkout("cart-fail-1", address, SUCCESS_CARD), shopper.token);
        assertThat(outOfStock.toString(), string(outOfStock, "data.checkout.userErrors.0.code"), is("OUT_OF_STOCK"));
        // the checkout's input has no items: the error points at the cart line to change (oldest added first)
        assertThat(at(outOfStock, "data.checkout.userErrors.0.field").toString(), is("[\"cart\",\"lines\",\"0\",\"quantity\"]"));
        assertThat(at(gateway("{ " + CART + " }", Map.of(), shopper.token), "data.cart").toString(), is(before));

        gateway("mutation($a: ID!) { setCartLineQuantity(productId: $a, quantity: 1) { userErrors { code } } }",
                Map.of("a", scarce), shopper.token);
        String ready = at(gateway("{ " + CART + " }", Map.of(), shopper.token), "data.cart").toString();
        JsonObject declined = gateway(CHECKOUT, checkout("cart-fail-2", address, DECLINED_CARD), shopper.token);
        assertThat(declined.toString(), string(declined, "data.checkout.userErrors.0.code"), is("PAYMENT_DECLINED"));
        assertThat(string(declined, "data.checkout.order.status"), is("PAYMENT_FAILED"));
        assertThat("the cart is as it was", at(gateway("{ " + CART + " }", Map.of(), shopper.token), "data.cart").toString(), is(ready));
        assertThat("the stock is released", stock(scarce), is(1));

        JsonObject unknownAddress = gateway(CHECKOUT, checkout("cart-fail-3", "addr-none", SUCCESS_CARD), shopper.token);
        assertThat(string(unknownAddress, "data.checkout.userErrors.0.code"), is("ADDRESS_NOT_FOUND"));
        assertThat(at(gateway("{ " + CART + " }", Map.of(), shopper.token), "data.cart").toString(), is(ready));
    }

    @Test
    void aRepeatedCheckoutAnswersTheSameOrderAndEmptiesTheCartOnce() throws Exception {
        Shopper shopper = Shopper.register();
        String address = shopper.addAddress("Alan Turing", "Manchester");
        String product = newProduct(10, 1500);
        gateway("mutation($p: ID!) { addToCart(productId: $p, quantity: 3) { userErrors { code } } }", Map.of("p", product), shopper.token);

        JsonObject first = gateway(CHECKOUT, checkout("cart-repeat", address, SUCCESS_CARD), shopper.token);
        assertThat(first.toString(), string(first, "data.checkout.order.status"), is("PAID"));
        // the shopper puts the same product in the cart again, then the first checkout's answer is "lost" and sent again
        gateway("mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }", Map.of("p", product), shopper.token);
        JsonObject repeat = gateway(CHECKOUT, checkout("cart-repeat", address, SUCCESS_CARD), shopper.token);
        assertThat(repeat.toString(), at(repeat, "data.checkout.userErrors").toString(), is("[]"));
        assertThat(string(repeat, "data.checkout.order.id"), is(string(first, "data.checkout.order.id")));
        assertThat(string(repeat, "data.checkout.order.status"), is("PAID"));

        JsonObject cart = gateway("{ " + CART + " }", Map.of(), shopper.token);
        assertThat("what was added after the checkout stays", at(cart, "data.cart.itemCount").toString(), is("2"));
        assertThat("stock taken once", stock(product), is(7));
        assertThat(STACK.stack().count("orders", "SELECT COUNT(*) FROM orders WHERE idempotency_key = 'cart-repeat' AND user_id = '"
                + shopper.id + "'"), is(1L));
    }

    @Test
    void anOrderKeepsItsAddressWhateverTheAccountDoesToItsAddressBook() throws Exception {
        Shopper shopper = Shopper.register();
        String address = shopper.addAddress("Barbara Liskov", "Cambridge");
        String product = newProduct(5, 900);
        gateway("mutation($p: ID!) { addToCart(productId: $p) { userErrors { code } } }", Map.of("p", product), shopper.token);
        JsonObject bought = gateway(CHECKOUT, checkout("cart-address", address, SUCCESS_CARD), shopper.token);
        assertThat(bought.toString(), string(bought, "data.checkout.order.status"), is("PAID"));
        String orderId = string(bought, "data.checkout.order.id");
        String copy = at(bought, "data.checkout.order.shippingAddress").toString();

        JsonObject updated = gateway("mutation($id: ID!) { updateAddress(id: $id, input: {recipient: \"B. Liskov\", line1: \"32 Vassar St\","
                + " city: \"Boston\", postalCode: \"02139\", country: \"US\"}) { address { city } userErrors { code } } }",
                Map.of("id", address), shopper.token);
        assertThat(updated.toString(), string(updated, "data.updateAddress.address.city"), is("Boston"));
        String query = "query($id: ID!) { order(id: $id) { shippingAddress { recipient line1 line2 city postalCode country phone } } }";
        assertThat(at(gateway(query, Map.of("id", orderId), shopper.token), "data.order.shippingAddress").toString(), is(copy));
        gateway("mutation($id: ID!) { removeAddress(id: $id) { removedAddressId userErrors { code } } }", Map.of("id", address), shopper.token);
        assertThat(at(gateway(query, Map.of("id", orderId), shopper.token), "data.order.shippingAddress").toString(), is(copy));
        assertThat(copy, containsString("Cambridge"));
    }

    /** A newly registered account, signed in. */
    private record Shopper(String id, String token) {

        static Shopper register() throws Exception {
            String email = "cart-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
            JsonObject answer = gateway("mutation($input: RegisterInput!) { register(input: $input) { token user { id } userErrors { code message } } }",
                    Map.of("input", Map.of("email", email, "password", "cart checkout passphrase 2026", "name", "Cart Shopper")), null);
            assertThat(answer.toString(), at(answer, "data.register.userErrors").toString(), is("[]"));
            return new Shopper(string(answer, "data.register.user.id"), string(answer, "data.register.token"));
        }

        String addAddress(String recipient, String city) throws Exception {
            JsonObject answer = gateway("mutation($input: AddressInput!) { addAddress(input: $input) { address { id } userErrors { code message } } }",
                    Map.of("input", Map.of("recipient", recipient, "line1", "1 Test Street", "city", city, "postalCode", "12345",
                            "country", "GB")), token);
            assertThat(answer.toString(), at(answer, "data.addAddress.userErrors").toString(), is("[]"));
            return string(answer, "data.addAddress.address.id");
        }
    }

    private static Map<String, Object> checkout(String key, String addressId, String card) {
        return Map.of("input", Map.of("idempotencyKey", key, "shippingAddressId", addressId, "paymentMethod", Map.of("cardNumber", card)));
    }

    private static JsonObject gateway(String query, Map<String, ?> variables, String token) throws Exception {
        return StorefrontStack.graphql(STACK.stack().gatewayUrl(), query, variables, token);
    }

    private static String newProduct(int stock, int priceMinor) throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        String id = "prod-cart-" + suffix.toLowerCase(Locale.ROOT);
        STACK.stack().execute("products", "INSERT INTO products (id, sku, name, description, price_minor, currency, stock,"
                + " created_at, updated_at) VALUES ('" + id + "', 'CRT-" + suffix + "', 'Cart test item', '', " + priceMinor
                + ", 'EUR', " + stock + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
        return id;
    }

    private static int stock(String product) throws SQLException {
        return (int) STACK.stack().count("products", "SELECT stock FROM products WHERE id = '" + product + "'");
    }

    private static JsonValue at(JsonValue json, String path) {
        JsonValue current = json;
        for (String step : path.split("\\.")) {
            if (current instanceof JsonObject object && object.containsKey(step)) {
                current = object.get(step);
            } else if (current instanceof jakarta.json.JsonArray array && step.matches("\\d+") && Integer.parseInt(step) < array.size()) {
                current = array.get(Integer.parseInt(step));
            } else {
                return JsonValue.NULL;
            }
        }
        return current;
    }

    private static String string(JsonValue json, String path) {
        JsonValue value = at(json, path);
        return value instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

}
