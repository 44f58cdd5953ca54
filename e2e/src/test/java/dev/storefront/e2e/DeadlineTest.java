package dev.storefront.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * One deadline per client request, end to end, on a stack of its own: the gateway gives each
 * request 4 s ({@code GATEWAY_REQUEST_TIMEOUT_MS}; the subgraph timeout is 4 s too, so the code
 * before deadlines fails these tests the way production did), and {@link RecordingProxy}s between
 * gateway → orders, orders → products and orders → payments note the {@code X-Request-Deadline-Ms}
 * each hop receives. Payments' timeout test card hangs 8 s at the simulated provider. Recovery
 * runs every second here, so that checkouts left to it end within the test.
 * <p>
 * What is proved: the deadline reaches every service and shrinks along the way; a checkout whose
 * payment is slow is answered before the gateway's deadline with its real outcome (never a
 * gateway timeout for a placed order), ends PAID or PAYMENT_FAILED consistently (one order, one
 * payment, stock right), and a retry with the same idempotency key gets that order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadlineTest {

    private static final long BUDGET_MS = 4000;
    private static final String SUCCESS_CARD = "4242424242424242";
    private static final String PROVIDER_TIMEOUT_CARD = "4000000000000119";
    private static final String PLACE_ORDER = """
            mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
              order { id status } userErrors { code message }
            } }""";

    private static RecordingProxy toOrders;
    private static RecordingProxy toProducts;
    private static RecordingProxy toPayments;
    private static StorefrontStack stack;
    private static String gateway;
    private static String ada;
    private static String grace;

    @BeforeAll
    static void start() throws Exception {
        toOrders = RecordingProxy.start();
        toProducts = RecordingProxy.start();
        toPayments = RecordingProxy.start();
        stack = StorefrontStack.start(Map.of(
                "GATEWAY_REQUEST_TIMEOUT_MS", String.valueOf(BUDGET_MS),
                "GATEWAY_SUBGRAPH_TIMEOUT_MS", String.valueOf(BUDGET_MS),
                "SUBGRAPH_ORDERS_URL", toOrders.url() + "/graphql",
                "PRODUCTS_URL", toProducts.url(),
                "PAYMENTS_URL", toPayments.url(),
                "PAYMENTS_PROVIDER_TIMEOUT_DELAY_MS", "8000",
                "ORDERS_RECOVERY_INTERVAL_SECONDS", "1",
                "ORDERS_RECOVERY_COMPENSATION_DELAY_SECONDS", "1"));
        toOrders.forwardTo(stack.url("orders"));
        toProducts.forwardTo(stack.url("products"));
        toPayments.forwardTo(stack.url("payments"));
        gateway = stack.gatewayUrl();
        ada = StorefrontStack.login(stack.url("users"), "ada@example.com", "storefront-demo");
        grace = StorefrontStack.login(stack.url("users"), "grace@example.com", "storefront-demo");
        // warm up every hop (a first checkout pays for class loading and connections)
        placeOrder(ada, newProduct(5, 100), SUCCESS_CARD, "warm-up-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        for (RecordingProxy proxy : new RecordingProxy[] {toOrders, toProducts, toPayments}) {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    @BeforeEach
    void clear() {
        toOrders.clear();
        toProducts.clear();
        toPayments.clear();
        toPayments.delay(null, 0);
    }

    @Test
    @Order(1)
    void theDeadlineReachesEveryServiceAndShrinksAlongTheWay() throws Exception {
        String product = newProduct(5, 1000);
        JsonObject response = placeOrder(ada, product, SUCCESS_CARD, "deadline-hops-" + UUID.randomUUID());
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        assertThat(response.toString(), payload(response).getJsonObject("order").getString("status"), is("PAID"));

        long atOrders = deadline(toOrders, "POST", "/graphql");
        long atLookup = deadline(toProducts, "POST", "/internal/products/lookup");
        long atReserve = deadline(toProducts, "PUT", "/internal/reservations/");
        long atPayments = deadline(toPayments, "PUT", "/internal/payments/authorizations/");
        System.out.printf("X-Request-Deadline-Ms received: orders %d, products lookup %d, products reservation %d,"
                + " payments authorization %d (gateway budget %d ms)%n", atOrders, atLookup, atReserve, atPayments, BUDGET_MS);
        assertThat("the gateway sends its budget, less what it spent", atOrders, lessThanOrEqualTo(BUDGET_MS));
        assertThat(atOrders, greaterThan(BUDGET_MS - 1000));
        // each call passes on the time it will wait: what is left, or its own timeout when shorter (the lookup's 3 s)
        assertThat("orders keeps 500 ms back to answer in time", atReserve, lessThanOrEqualTo(atOrders - 500));
        assertThat(atLookup, lessThanOrEqualTo(Math.min(3000, atOrders - 500)));
        assertThat(atPayments, lessThanOrEqualTo(atReserve));
        assertThat(atPayments, greaterThan(0L));
    }

    @Test
    @Order(2)
    void aCheckoutWhosePaymentProviderHangsIsAnsweredInTimeAndEndsPaymentFailed() throws Exception {
        String product = newProduct(5, 1500);
        String key = "deadline-timeout-card-" + UUID.randomUUID();
        long start = System.nanoTime();
        JsonObject response = placeOrder(grace, product, PROVIDER_TIMEOUT_CARD, key);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("timeout card: answered in %d ms: %s%n", millis, response);
        assertThat("a typed answer, not a gateway timeout: " + response, response.containsKey("errors"), is(false));
        assertThat(millis, lessThan(BUDGET_MS + 1000));
        JsonObject first = payload(response);
        String orderId = first.getJsonObject("order").getString("id");
        assertThat(first.toString(), first.getJsonObject("order").getString("status"), isOneOf("PAYMENT_FAILED", "PENDING"));

        JsonObject settled = awaitFinal(grace, product, PROVIDER_TIMEOUT_CARD, key);
        assertThat("the retry with the same key answers the same order", settled.getJsonObject("order").getString("id"), is(orderId));
        assertThat(settled.toString(), settled.getJsonObject("order").getString("status"), is("PAYMENT_FAILED"));
        assertThat(settled.toString(), settled.getJsonArray("userErrors").getJsonObject(0).getString("code"),
                is("PAYMENT_PROVIDER_TIMEOUT"));
        assertThat("one order for the key", stack.count("orders", "SELECT COUNT(*) FROM orders WHERE idempotency_key = '" + key + "'"),
                is(1L));
        assertThat("one payment, failed (nothing held)", stack.count("payments", "SELECT COUNT(*) FROM payments WHERE order_id = '"
                + orderId + "' AND status = 'FAILED'"), is(1L));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE order_id = '" + orderId + "'"), is(1L));
        awaitStock(product, 5);
    }

    @Test
    @Order(3)
    void aCheckoutWhosePaymentAnswerComesAfterTheDeadlineIsFinishedByRecoveryAsPaid() throws Exception {
        String product = newProduct(5, 2000);
        String key = "deadline-slow-answer-" + UUID.randomUUID();
        // payments authorizes at once, but its answer reaches orders only after the request's deadline
        toPayments.delay("/internal/payments/authorizations/", 6000);
        long start = System.nanoTime();
        JsonObject response = placeOrder(ada, product, SUCCESS_CARD, key);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("slow payment answer: answered in %d ms: %s%n", millis, response);
        assertThat("a typed answer, not a gateway timeout: " + response, response.containsKey("errors"), is(false));
        assertThat(millis, lessThan(BUDGET_MS + 1000));
        JsonObject first = payload(response);
        String orderId = first.getJsonObject("order").getString("id");
        assertThat(first.toString(), first.getJsonObject("order").getString("status"), is("PENDING"));
        assertThat(first.toString(), first.getJsonArray("userErrors").getJsonObject(0).getString("code"), is("CHECKOUT_IN_PROGRESS"));
        toPayments.delay(null, 0);

        JsonObject settled = awaitFinal(ada, product, SUCCESS_CARD, key);
        assertThat("the retry with the same key answers the same order", settled.getJsonObject("order").getString("id"), is(orderId));
        assertThat(settled.toString(), settled.getJsonObject("order").getString("status"), is("PAID"));
        assertThat(settled.toString(), settled.getJsonArray("userErrors").isEmpty(), is(true));
        assertThat("one order for the key", stack.count("orders", "SELECT COUNT(*) FROM orders WHERE idempotency_key = '" + key + "'"),
                is(1L));
        assertThat("one payment, authorized", stack.count("payments", "SELECT COUNT(*) FROM payments WHERE order_id = '"
                + orderId + "' AND status = 'AUTHORIZED'"), is(1L));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE order_id = '" + orderId + "'"), is(1L));
        assertThat("stock reserved once", stack.count("products", "SELECT stock FROM products WHERE id = '" + product + "'"), is(4L));

        // orders is still served through the gateway (its breaker did not open on the slow checkout)
        JsonObject query = StorefrontStack.graphql(gateway, "query($id: ID!) { order(id: $id) { id status } }", Map.of("id", orderId), ada);
        assertThat(query.toString(), query.getJsonObject("data").getJsonObject("order").getString("status"), is("PAID"));
    }

    /** Ask again with the same key until the order is no longer PENDING (recovery settles it). */
    private static JsonObject awaitFinal(String token, String product, String card, String key) throws Exception {
        long giveUp = System.nanoTime() + 40_000_000_000L;
        while (true) {
            JsonObject response = placeOrder(token, product, card, key);
            assertThat(response.toString(), response.containsKey("errors"), is(false));
            JsonObject payload = payload(response);
            if (!"PENDING".equals(payload.getJsonObject("order").getString("status")) || System.nanoTime() > giveUp) {
                return payload;
            }
            Thread.sleep(500);
        }
    }

    private static void awaitStock(String product, long expected) throws Exception {
        long giveUp = System.nanoTime() + 30_000_000_000L;
        long stock;
        while ((stock = stack.count("products", "SELECT stock FROM products WHERE id = '" + product + "'")) != expected
                && System.nanoTime() < giveUp) {
            Thread.sleep(250);
        }
        assertThat("stock released", stock, is(expected));
    }

    private static long deadline(RecordingProxy proxy, String method, String pathPrefix) {
        List<RecordingProxy.Seen> matching = proxy.seen().stream()
                .filter(s -> s.method().equals(method) && s.path().startsWith(pathPrefix)).toList();
        assertThat(method + " " + pathPrefix + " seen: " + proxy.seen(), matching.size(), greaterThan(0));
        String value = matching.getFirst().deadline();
        assertThat(method + " " + pathPrefix + " carried no X-Request-Deadline-Ms: " + proxy.seen(), value != null, is(true));
        return Long.parseLong(value);
    }

    private static JsonObject payload(JsonObject response) {
        return response.getJsonObject("data").getJsonObject("placeOrder");
    }

    private static JsonObject placeOrder(String token, String productId, String card, String key) throws Exception {
        return StorefrontStack.graphql(gateway, PLACE_ORDER, Map.of("input", Map.of(
                "items", List.of(Map.of("productId", productId, "quantity", 1)),
                "paymentMethod", Map.of("cardNumber", card), "idempotencyKey", key)), token);
    }

    private static String newProduct(int stock, int priceMinor) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        String id = "prod-e2e-" + suffix.toLowerCase(Locale.ROOT);
        stack.execute("products", "INSERT INTO products (id, sku, name, description, price_minor, currency, stock,"
                + " created_at, updated_at) VALUES ('" + id + "', 'E2E-" + suffix + "', 'Deadline test item', '', " + priceMinor
                + ", 'EUR', " + stock + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
        return id;
    }
}
