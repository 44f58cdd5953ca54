package dev.storefront.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.storefront.orders.checkout.AbandonedCarts;
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

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The cart over real HTTP on a real database: the account's cart, anonymous carts held by a token
 * (only its hash stored), merging at sign-in, the limits, and two devices changing one cart at
 * once. Products are checked against the products contract served by {@link PeerServices}
 * (prod-01..prod-80 exist). Each test uses its own accounts so the tests stay independent.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class, PeerServices.class})
@HelidonTest
class CartTest {

    private static final String CART = "cart { id itemCount updatedAt lines { product { id } quantity addedAt } }";
    private static final String PAYLOAD = CART + " cartToken userErrors { code message field }";

    private GraphQlClient anonymous;

    @BeforeEach
    void connect() {
        anonymous = GraphQlClient.forRunningServer();
    }

    private GraphQlClient as(String userId) {
        return anonymous.withBearer(TestTokenIssuer.token(userId, "CUSTOMER"));
    }

    @Test
    void theAccountsCartIsAddedToChangedAndCleared() {
        GraphQlClient ada = as("user-cart-1");
        JsonObject empty = ada.query("{ " + CART + " }");
        assertThat(empty.toString(), at(empty, "data.cart.lines").toString(), is("[]"));
        assertThat(at(empty, "data.cart.itemCount").toString(), is("0"));
        String cartId = string(empty, "data.cart.id");

        JsonObject added = ada.query("mutation { addToCart(productId: \"prod-01\", quantity: 2) { " + PAYLOAD + " } }");
        assertThat(added.toString(), at(added, "data.addToCart.userErrors").toString(), is("[]"));
        assertThat(string(added, "data.addToCart.cart.id"), is(cartId));
        assertThat("a signed-in shopper gets no token", at(added, "data.addToCart.cartToken"), is(JsonValue.NULL));
        assertThat(lines(added, "addToCart"), is("prod-01x2"));

        ada.query("mutation { addToCart(productId: \"prod-01\", quantity: 3) { " + PAYLOAD + " } }");
        JsonObject second = ada.query("mutation { addToCart(productId: \"prod-02\") { " + PAYLOAD + " } }");
        assertThat("quantity defaults to 1, lines oldest first", lines(second, "addToCart"), is("prod-01x5 prod-02x1"));
        assertThat(at(second, "data.addToCart.cart.itemCount").toString(), is("6"));

        assertThat(lines(ada.query("mutation { setCartLineQuantity(productId: \"prod-01\", quantity: 7) { " + PAYLOAD + " } }"),
                "setCartLineQuantity"), is("prod-01x7 prod-02x1"));
        assertThat("0 takes the line out", lines(ada.query("mutation { setCartLineQuantity(productId: \"prod-02\", quantity: 0) { "
                + PAYLOAD + " } }"), "setCartLineQuantity"), is("prod-01x7"));
        assertThat("a product not in the cart is added", lines(ada.query("mutation { setCartLineQuantity(productId: \"prod-03\","
                + " quantity: 4) { " + PAYLOAD + " } }"), "setCartLineQuantity"), is("prod-01x7 prod-03x4"));
        assertThat(lines(ada.query("mutation { removeFromCart(productId: \"prod-01\") { " + PAYLOAD + " } }"), "removeFromCart"),
                is("prod-03x4"));
        assertThat("removing what is not there is no error", at(ada.query("mutation { removeFromCart(productId: \"prod-01\") { "
                + PAYLOAD + " } }"), "data.removeFromCart.userErrors").toString(), is("[]"));
        ada.query("mutation { addToCart(productId: \"prod-05\") { " + PAYLOAD + " } }");
        JsonObject cleared = ada.query("mutation { clearCart { " + PAYLOAD + " } }");
        assertThat(lines(cleared, "clearCart"), is(""));
        assertThat(at(cleared, "data.clearCart.cart.itemCount").toString(), is("0"));

        // the same cart on every device (another token of the same account), whatever cartToken it sends
        ada.query("mutation { addToCart(productId: \"prod-04\") { " + PAYLOAD + " } }");
        JsonObject elsewhere = as("user-cart-1").query("{ cart(cartToken: \"" + "x".repeat(43) + "\") { id lines { product { id } } } }");
        assertThat(string(elsewhere, "data.cart.id"), is(cartId));
        assertThat(string(elsewhere, "data.cart.lines.0.product.id"), is("prod-04"));
    }

    @Test
    void anAnonymousCartIsHeldByItsTokenAndOnlyTheTokensHashIsStored() throws Exception {
        JsonObject created = anonymous.query("mutation { addToCart(productId: \"prod-02\", quantity: 3) { " + PAYLOAD + " } }");
        assertThat(created.toString(), at(created, "data.addToCart.userErrors").toString(), is("[]"));
        String token = string(created, "data.addToCart.cartToken");
        assertThat(token, token.matches("[A-Za-z0-9_-]{43}"), is(true));
        String cartId = string(created, "data.addToCart.cart.id");
        assertThat(lines(created, "addToCart"), is("prod-02x3"));

        assertThat(count("SELECT COUNT(*) FROM carts WHERE id = '" + cartId + "' AND user_id IS NULL AND token_hash = '"
                + sha256(token) + "'"), is(1L));
        assertThat("the token itself is stored nowhere", count("SELECT COUNT(*) FROM carts WHERE token_hash = '" + token
                + "' OR id = '" + token + "'"), is(0L));

        JsonObject again = anonymous.query("mutation($t: String) { addToCart(productId: \"prod-02\", cartToken: $t) { " + PAYLOAD + " } }",
                Map.of("t", token));
        assertThat(string(again, "data.addToCart.cart.id"), is(cartId));
        assertThat("no new token for an existing cart", at(again, "data.addToCart.cartToken"), is(JsonValue.NULL));
        assertThat(lines(again, "addToCart"), is("prod-02x4"));
        JsonObject read = anonymous.query("query($t: String) { " + CART.replace("cart {", "cart(cartToken: $t) {") + " }", Map.of("t", token));
        assertThat(string(read, "data.cart.id"), is(cartId));

        // without a token a query has no cart to show; a mutation starts another cart
        assertThat(at(anonymous.query("{ cart { id } }"), "data.cart"), is(JsonValue.NULL));
        JsonObject other = anonymous.query("mutation { addToCart(productId: \"prod-02\") { " + PAYLOAD + " } }");
        assertThat(string(other, "data.addToCart.cart.id"), not(is(cartId)));
        assertThat(string(other, "data.addToCart.cartToken"), not(is(token)));
    }

    @Test
    void anUnknownCartTokenIsCartNotFound() throws SQLException {
        long carts = count("SELECT COUNT(*) FROM carts");
        String unknown = "A".repeat(43);
        assertThat(at(anonymous.query("{ cart(cartToken: \"" + unknown + "\") { id } }"), "data.cart"), is(JsonValue.NULL));
        for (String token : List.of(unknown, "not a token", "")) {
            for (String mutation : List.of("addToCart(productId: \"prod-01\", cartToken: $t)",
                    "setCartLineQuantity(productId: \"prod-01\", quantity: 2, cartToken: $t)",
                    "removeFromCart(productId: \"prod-01\", cartToken: $t)", "clearCart(cartToken: $t)")) {
                JsonObject response = anonymous.query("mutation($t: String) { result: " + mutation + " { " + PAYLOAD + " } }",
                        Map.of("t", token));
                assertThat(mutation + " " + response, string(response, "data.result.userErrors.0.code"), is("CART_NOT_FOUND"));
                assertThat(at(response, "data.result.userErrors.0.field").toString(), is("[\"cartToken\"]"));
                assertThat(at(response, "data.result.cart"), is(JsonValue.NULL));
                assertThat(at(response, "data.result.cartToken"), is(JsonValue.NULL));
            }
        }
        assertThat("no cart was made for an unknown token", count("SELECT COUNT(*) FROM carts"), is(carts));
    }

    @Test
    void signingInMergesTheAnonymousCartQuantitiesAddingUpToAtMost99() throws Exception {
        String token = string(anonymous.query("mutation { addToCart(productId: \"prod-01\", quantity: 60) { cartToken } }"),
                "data.addToCart.cartToken");
        anonymous.query("mutation($t: String) { a: addToCart(productId: \"prod-03\", cartToken: $t) { cartToken }"
                + " b: addToCart(productId: \"prod-04\", quantity: 2, cartToken: $t) { cartToken } }", Map.of("t", token));
        GraphQlClient grace = as("user-cart-2");
        grace.query("mutation { a: addToCart(productId: \"prod-01\", quantity: 50) { cartToken }"
                + " b: addToCart(productId: \"prod-02\") { cartToken } c: addToCart(productId: \"prod-04\", quantity: 5) { cartToken } }");

        JsonObject refused = anonymous.query("mutation($t: String!) { mergeCart(cartToken: $t) { " + PAYLOAD + " } }", Map.of("t", token));
        assertThat(string(refused, "errors.0.message"), containsString("Not authenticated"));
        assertThat(at(refused, "data"), is(JsonValue.NULL));

        JsonObject merged = grace.query("mutation($t: String!) { mergeCart(cartToken: $t) { " + PAYLOAD + " } }", Map.of("t", token));
        assertThat(merged.toString(), at(merged, "data.mergeCart.userErrors").toString(), is("[]"));
        assertThat(lines(merged, "mergeCart"), is("prod-01x99 prod-02x1 prod-04x7 prod-03x1"));
        assertThat(at(merged, "data.mergeCart.cart.itemCount").toString(), is("108"));

        assertThat("the anonymous cart is gone", at(anonymous.query("query($t: String) { cart(cartToken: $t) { id } }",
                Map.of("t", token)), "data.cart"), is(JsonValue.NULL));
        assertThat(count("SELECT COUNT(*) FROM carts WHERE token_hash = '" + sha256(token) + "'"), is(0L));
        JsonObject twice = grace.query("mutation($t: String!) { mergeCart(cartToken: $t) { " + PAYLOAD + " } }", Map.of("t", token));
        assertThat(string(twice, "data.mergeCart.userErrors.0.code"), is("CART_NOT_FOUND"));
        assertThat("the account's cart is unchanged", lines(twice, "mergeCart"), is("prod-01x99 prod-02x1 prod-04x7 prod-03x1"));
    }

    @Inject
    AbandonedCarts abandonedCarts;

    @Test
    void anonymousCartsIdleForLongerThanTheirTimeToLiveAreDeletedAndAccountCartsNever() throws Exception {
        String idle = string(anonymous.query("mutation { addToCart(productId: \"prod-05\", quantity: 2) { cartToken } }"),
                "data.addToCart.cartToken");
        String fresh = string(anonymous.query("mutation { addToCart(productId: \"prod-06\") { cartToken } }"),
                "data.addToCart.cartToken");
        as("user-cart-idle").query("mutation { addToCart(productId: \"prod-07\") { cartToken } }");
        // 31 days without a change for the first anonymous cart and the account's cart (the time to live is 30)
        FreshDatabaseExtension.execute("UPDATE carts SET updated_at = UTC_TIMESTAMP(3) - INTERVAL 31 DAY WHERE token_hash = '"
                + sha256(idle) + "' OR user_id = 'user-cart-idle'");

        assertThat(abandonedCarts.removeIdle(), is(1));
        assertThat("the idle anonymous cart is gone", at(anonymous.query("query($t: String) { cart(cartToken: $t) { id } }",
                Map.of("t", idle)), "data.cart"), is(JsonValue.NULL));
        assertThat("its lines went with it", count("SELECT COUNT(*) FROM cart_lines l LEFT JOIN carts c ON c.id = l.cart_id"
                + " WHERE c.id IS NULL"), is(0L));
        JsonObject recent = anonymous.query("query($t: String) { cart(cartToken: $t) { lines { product { id } quantity } } }",
                Map.of("t", fresh));
        assertThat("a recent anonymous cart stays", string(recent, "data.cart.lines.0.product.id"), is("prod-06"));
        assertThat("an account's cart is never deleted, however old", quantity("user-cart-idle", "prod-07"), is(1L));
        assertThat("nothing more to delete", abandonedCarts.removeIdle(), is(0));
    }

    @Test
    void mergingBeyond50LinesIsRefusedAndChangesNothing() throws SQLException {
        String token = string(anonymous.query("mutation { addToCart(productId: \"prod-01\") { cartToken } }"), "data.addToCart.cartToken");
        anonymous.query("mutation($t: String) { addToCart(productId: \"prod-02\", cartToken: $t) { cartToken } }", Map.of("t", token));
        String own = string(as("user-cart-3").query("{ cart { id } }"), "data.cart.id");
        fill(own, 3, 49); // prod-03..prod-51: 49 lines
        JsonObject refused = as("user-cart-3").query("mutation($t: String!) { mergeCart(cartToken: $t) { " + PAYLOAD + " } }",
                Map.of("t", token));
        assertThat(string(refused, "data.mergeCart.userErrors.0.code"), is("TOO_MANY_LINES"));
        assertThat(at(refused, "data.mergeCart.cart.lines").asJsonArray().size(), is(49));
        assertThat("the anonymous cart is kept", at(anonymous.query("query($t: String) { cart(cartToken: $t) { lines { quantity } } }",
                Map.of("t", token)), "data.cart.lines").toString(), is("[{\"quantity\":1},{\"quantity\":1}]"));
    }

    @Test
    void quantitiesLinesAndProductsAreChecked() throws SQLException {
        GraphQlClient alan = as("user-cart-4");
        for (String quantity : new String[] {"0", "-1", "100", "null"}) {
            JsonObject add = alan.query("mutation { addToCart(productId: \"prod-01\", quantity: " + quantity + ") { " + PAYLOAD + " } }");
            assertThat(add.toString(), string(add, "data.addToCart.userErrors.0.code"), is("INVALID_QUANTITY"));
            assertThat(at(add, "data.addToCart.userErrors.0.field").toString(), is("[\"quantity\"]"));
        }
        for (int quantity : new int[] {-1, 100}) {
            JsonObject set = alan.query("mutation { setCartLineQuantity(productId: \"prod-01\", quantity: " + quantity + ") { "
                    + PAYLOAD + " } }");
            assertThat(string(set, "data.setCartLineQuantity.userErrors.0.code"), is("INVALID_QUANTITY"));
        }
        alan.query("mutation { addToCart(productId: \"prod-01\", quantity: 90) { " + PAYLOAD + " } }");
        JsonObject over = alan.query("mutation { addToCart(productId: \"prod-01\", quantity: 10) { " + PAYLOAD + " } }");
        assertThat(string(over, "data.addToCart.userErrors.0.code"), is("INVALID_QUANTITY"));
        assertThat(string(over, "data.addToCart.userErrors.0.message"), containsString("at most 9 more"));
        assertThat("a refused change changes nothing", lines(over, "addToCart"), is("prod-01x90"));
        assertThat(lines(alan.query("mutation { addToCart(productId: \"prod-01\", quantity: 9) { " + PAYLOAD + " } }"), "addToCart"),
                is("prod-01x99"));

        JsonObject unknown = alan.query("mutation { addToCart(productId: \"prod-99\") { " + PAYLOAD + " } }");
        assertThat(string(unknown, "data.addToCart.userErrors.0.code"), is("PRODUCT_NOT_FOUND"));
        assertThat(at(unknown, "data.addToCart.userErrors.0.field").toString(), is("[\"productId\"]"));
        assertThat(lines(unknown, "addToCart"), is("prod-01x99"));
        JsonObject unknownAnonymous = anonymous.query("mutation { addToCart(productId: \"prod-99\") { " + PAYLOAD + " } }");
        assertThat(string(unknownAnonymous, "data.addToCart.userErrors.0.code"), is("PRODUCT_NOT_FOUND"));
        assertThat("no cart is made for nothing", at(unknownAnonymous, "data.addToCart.cartToken"), is(JsonValue.NULL));

        JsonObject badId = alan.query("mutation { addToCart(productId: \"bad id\") { " + PAYLOAD + " } }");
        assertThat(string(badId, "errors.0.message"), containsString("Argument 'productId' is not a valid id"));

        String cartId = string(alan.query("{ cart { id } }"), "data.cart.id");
        fill(cartId, 2, 49); // prod-02..prod-50, with prod-01: 50 lines
        JsonObject tooMany = alan.query("mutation { addToCart(productId: \"prod-51\") { " + PAYLOAD + " } }");
        assertThat(string(tooMany, "data.addToCart.userErrors.0.code"), is("TOO_MANY_LINES"));
        assertThat(at(tooMany, "data.addToCart.cart.lines").asJsonArray().size(), is(50));
        assertThat(string(alan.query("mutation { setCartLineQuantity(productId: \"prod-51\", quantity: 1) { " + PAYLOAD + " } }"),
                "data.setCartLineQuantity.userErrors.0.code"), is("TOO_MANY_LINES"));
        assertThat("an existing line can still change", at(alan.query("mutation { addToCart(productId: \"prod-50\") { " + PAYLOAD
                + " } }"), "data.addToCart.userErrors").toString(), is("[]"));
    }

    @Test
    void twoDevicesChangingOneCartAtOnceLoseNoUpdateAndKeepTheLimits() throws Exception {
        GraphQlClient phone = as("user-cart-5");
        GraphQlClient laptop = as("user-cart-5");
        phone.query("{ cart { id } }");

        // 2 x 40 single units of one product: every one counts
        List<JsonObject> adds = concurrently(phone, laptop, 40, i -> "mutation { addToCart(productId: \"prod-07\") { userErrors { code } } }");
        assertThat(adds.stream().filter(r -> !at(r, "data.addToCart.userErrors").toString().equals("[]")).count(), is(0L));
        assertThat(quantity("user-cart-5", "prod-07"), is(80L));

        // 2 x 15 more: exactly 19 fit under 99, the other 11 are refused
        List<JsonObject> over = concurrently(phone, laptop, 15, i -> "mutation { addToCart(productId: \"prod-07\") { userErrors { code } } }");
        assertThat(over.stream().filter(r -> string(r, "data.addToCart.userErrors.0.code") != null).count(), is(11L));
        assertThat(quantity("user-cart-5", "prod-07"), is(99L));

        // 2 x 30 different products on a cart of one line: exactly 49 more lines fit
        List<JsonObject> lines = concurrently(phone, laptop, 30, i -> "mutation { addToCart(productId: \"prod-"
                + String.format("%02d", 10 + i) + "\") { userErrors { code } } }");
        assertThat(lines.stream().filter(r -> "TOO_MANY_LINES".equals(string(r, "data.addToCart.userErrors.0.code"))).count(),
                is(11L));
        assertThat(count("SELECT COUNT(*) FROM cart_lines l JOIN carts c ON c.id = l.cart_id WHERE c.user_id = 'user-cart-5'"),
                is(50L));
    }

    /** Phone and laptop each send {@code each} requests (request i of each device: the same product when the text says so). */
    private static List<JsonObject> concurrently(GraphQlClient phone, GraphQlClient laptop, int each,
                                                 java.util.function.IntFunction<String> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<JsonObject>>> devices = new ArrayList<>();
            for (int device = 0; device < 2; device++) {
                GraphQlClient client = device == 0 ? phone : laptop;
                int offset = device * each;
                Callable<List<JsonObject>> work = () -> {
                    start.await();
                    List<JsonObject> answers = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        answers.add(client.query(request.apply(offset + i)));
                    }
                    return answers;
                };
                devices.add(pool.submit(work));
            }
            start.countDown();
            List<JsonObject> all = new ArrayList<>();
            for (Future<List<JsonObject>> device : devices) {
                all.addAll(device.get());
            }
            all.forEach(answer -> assertThat(answer.toString(), answer.containsKey("errors"), is(false)));
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Put {@code n} lines prod-{from}.. (quantity 1) straight into a cart. */
    private static void fill(String cartId, int from, int n) throws SQLException {
        StringBuilder values = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            values.append(values.isEmpty() ? "" : ", ")
                    .append(String.format("('%s', 'prod-%02d', 1, %d, UTC_TIMESTAMP(3))", cartId, i, 1000 + i));
        }
        FreshDatabaseExtension.execute("INSERT INTO cart_lines (cart_id, product_id, quantity, position, added_at) VALUES " + values);
    }

    /** @return the payload's lines as "prod-01x2 prod-02x1" */
    private static String lines(JsonObject response, String field) {
        JsonValue lines = at(response, "data." + field + ".cart.lines");
        assertThat(response.toString(), lines, not(nullValue()));
        assertThat(response.toString(), lines, not(is(JsonValue.NULL)));
        List<String> parts = new ArrayList<>();
        lines.asJsonArray().forEach(line -> parts.add(string(line, "product.id") + "x" + at(line, "quantity")));
        return String.join(" ", parts);
    }

    private static long quantity(String userId, String productId) throws SQLException {
        return count("SELECT COALESCE(SUM(l.quantity), 0) FROM cart_lines l JOIN carts c ON c.id = l.cart_id"
                + " WHERE c.user_id = '" + userId + "' AND l.product_id = '" + productId + "'");
    }

    static long count(String sql) throws SQLException {
        try (var c = java.sql.DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + FreshDatabaseExtension.currentName()
                + "?allowPublicKeyRetrieval=true&useSSL=false", "root", "");
             var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
