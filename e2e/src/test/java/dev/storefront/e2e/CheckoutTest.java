package dev.storefront.e2e;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.isOneOf;

/**
 * Checkout across the real orders, products and payments processes on fresh MariaDB databases:
 * concurrency, idempotency, declines, a payments outage with its circuit breaker, and a crash of
 * orders in the middle of a saga. Each test works on products it creates, so the demo data and
 * the other e2e classes sharing the stack are unaffected. The disruptive tests run last.
 *
 * <p>Customers sign in through the users service's {@code login} mutation and order as
 * themselves (the order's owner is the token's account); shipping and delivering are done by the
 * admin. Tokens are made once per account and reused (they last an hour).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckoutTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();

    private static final String SUCCESS_CARD = "4242424242424242";
    private static final String DECLINED_CARD = "4000000000000002";
    private static final String INSUFFICIENT_FUNDS_CARD = "4000000000009995";
    private static final String PROVIDER_TIMEOUT_CARD = "4000000000000119";
    private static final String PLACE_ORDER = """
            mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
              order { id status total { amountMinor currency } statusHistory { status reason } }
              userErrors { code message field }
            } }""";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String DEMO_PASSWORD = "storefront-demo";
    private static final String ADA = "ada@example.com";
    private static final String GRACE = "grace@example.com";
    private static final String ALAN = "alan@example.com";
    private static final String BARBARA = "barbara@example.com";
    // the development administrator of users' local configuration (users/README.md)
    private static final String ADMIN = "admin@example.com";
    private static final String ADMIN_PASSWORD = "dev-only-passphrase-change-me";
    private static final List<String> CUSTOMERS = List.of(ADA, GRACE, ALAN, BARBARA);
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @Test
    @Order(1)
    void fiftyConcurrentCheckoutsForTenUnitsSellExactlyTen() throws Exception {
        StorefrontStack stack = STACK.stack();
        String product = newProduct(10, 2500);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String customer : CUSTOMERS) {
            token(customer);
        }
        List<JsonObject> payloads = concurrently(50, i -> placeOrder(CUSTOMERS.get(i % CUSTOMERS.size()), product, 1, SUCCESS_CARD,
                "conc-" + run + "-" + i));

        List<String> paid = new ArrayList<>();
        int outOfStock = 0;
        long paidTotal = 0;
        for (JsonObject payload : payloads) {
            JsonArray errors = payload.getJsonArray("userErrors");
            if (errors.isEmpty()) {
                assertThat(payload.toString(), payload.getJsonObject("order").getString("status"), is("PAID"));
                paid.add(payload.getJsonObject("order").getString("id"));
                paidTotal += payload.getJsonObject("order").getJsonObject("total").getInt("amountMinor");
            } else {
                assertThat(payload.toString(), errors.getJsonObject(0).getString("code"), is("OUT_OF_STOCK"));
                outOfStock++;
            }
        }
        long refusedAtReservation = stack.count("orders", "SELECT COUNT(*) FROM orders WHERE status = 'CANCELLED'"
                + " AND failure_code = 'OUT_OF_STOCK' AND idempotency_key LIKE 'conc-" + run + "-%'");
        System.out.printf("50 concurrent checkouts on stock 10: %d PAID, %d OUT_OF_STOCK (%d refused by the reservation,"
                + " the rest by the price lookup before an order was recorded)%n", paid.size(), outOfStock, refusedAtReservation);
        assertThat("no order is left PENDING", stack.count("orders", "SELECT COUNT(*) FROM orders WHERE status = 'PENDING'"
                + " AND idempotency_key LIKE 'conc-" + run + "-%'"), is(0L));
        assertThat(paid.size(), is(10));
        assertThat(outOfStock, is(40));
        assertThat(stock(product), is(0));
        assertThat(paidTotal, is(10 * 2500L));

        String paidIds = "'" + String.join("','", paid) + "'";
        assertThat("sum of authorized payments = sum of PAID totals",
                stack.count("payments", "SELECT COALESCE(SUM(amount_minor), 0) FROM payments WHERE status = 'AUTHORIZED'"
                        + " AND order_id IN (" + paidIds + ")"), is(paidTotal));
        assertThat("one payment per PAID order", stack.count("payments", "SELECT COUNT(*) FROM payments WHERE order_id IN ("
                + paidIds + ")"), is(10L));
        assertThat("each payment names its order's buyer (the signed-in customer)", stack.count("payments",
                "SELECT COUNT(*) FROM payments p JOIN " + stack.databaseName("orders") + ".orders o ON o.id = p.order_id"
                        + " WHERE p.user_id = o.user_id AND p.order_id IN (" + paidIds + ")"), is(10L));
        assertThat("orders of all four customers were sold", stack.count("orders",
                "SELECT COUNT(DISTINCT user_id) FROM orders WHERE idempotency_key LIKE 'conc-" + run + "-%'"), is(4L));
        assertThat("no payment for the refused orders", stack.count("payments", "SELECT COUNT(*) FROM payments WHERE order_id IN ("
                + "SELECT id FROM " + stack.databaseName("orders") + ".orders WHERE idempotency_key LIKE 'conc-" + run + "-%')"), is(10L));
        assertThat("reserved units = units sold", stack.count("products", "SELECT COALESCE(SUM(i.quantity), 0) FROM reservation_items i"
                + " JOIN reservations r ON r.order_id = i.order_id WHERE r.status = 'RESERVED' AND i.product_id = '" + product + "'"),
                is(10L));
    }

    @Test
    @Order(2)
    void theSameCheckoutSentFiveTimesAtOnceOrdersAndChargesOnce() throws Exception {
        StorefrontStack stack = STACK.stack();
        String product = newProduct(5, 1200);
        String key = "idem-" + UUID.randomUUID();
        List<JsonObject> payloads = concurrently(5, i -> placeOrder(GRACE, product, 2, SUCCESS_CARD, key));

        String orderId = payloads.get(0).getJsonObject("order").getString("id");
        for (JsonObject payload : payloads) {
            assertThat(payload.toString(), payload.getJsonArray("userErrors").size(), is(0));
            assertThat(payload.getJsonObject("order").getString("id"), is(orderId));
            assertThat(payload.getJsonObject("order").getString("status"), is("PAID"));
        }
        assertThat(stack.count("orders", "SELECT COUNT(*) FROM orders WHERE idempotency_key = '" + key + "'"), is(1L));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE order_id = '" + orderId + "'"), is(1L));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payment_transactions t JOIN payments p ON p.id = t.payment_id"
                + " WHERE p.order_id = '" + orderId + "' AND t.kind = 'AUTHORIZE'"), is(1L));
        assertThat(stack.count("products", "SELECT COUNT(*) FROM reservations WHERE order_id = '" + orderId + "'"), is(1L));
        assertThat(stock(product), is(3));

        // later retries answer the same order; the same key for something else is refused
        JsonObject later = placeOrder(GRACE, product, 2, SUCCESS_CARD, key);
        assertThat(later.getJsonObject("order").getString("id"), is(orderId));
        JsonObject reused = placeOrder(GRACE, product, 1, SUCCESS_CARD, key);
        assertThat(reused.toString(), reused.getJsonArray("userErrors").getJsonObject(0).getString("code"), is("IDEMPOTENCY_KEY_REUSED"));
        assertThat(stock(product), is(3));

        // keys are per account: another customer's request with the same key is a checkout of its own
        JsonObject anothers = placeOrder(ALAN, product, 2, SUCCESS_CARD, key);
        assertThat(anothers.toString(), anothers.getJsonArray("userErrors").size(), is(0));
        assertThat(anothers.getJsonObject("order").getString("id"), not(orderId));
        assertThat(stock(product), is(1));
    }

    @Test
    @Order(3)
    void declinedCardsEndPaymentFailedWithTheStockRestored() throws Exception {
        StorefrontStack stack = STACK.stack();
        String product = newProduct(3, 4000);
        for (String[] card : List.of(new String[] {DECLINED_CARD, "PAYMENT_DECLINED", "The card was declined by its issuer"},
                new String[] {INSUFFICIENT_FUNDS_CARD, "INSUFFICIENT_FUNDS", "The card was declined: not enough funds for this amount"})) {
            JsonObject payload = placeOrder(ALAN, product, 2, card[0], "decline-" + UUID.randomUUID());
            assertThat(payload.toString(), payload.getJsonArray("userErrors").getJsonObject(0).getString("code"), is(card[1]));
            JsonObject order = payload.getJsonObject("order");
            assertThat(order.getString("status"), is("PAYMENT_FAILED"));
            JsonArray history = order.getJsonArray("statusHistory");
            assertThat(history.toString(), history.size(), is(2));
            assertThat(history.getJsonObject(1).getString("status"), is("PAYMENT_FAILED"));
            // in the shopper's words, once: not "Payment declined: The card was declined: PAYMENT_DECLINED"
            assertThat(history.getJsonObject(1).getString("reason"), is(card[2]));
            assertThat(payload.getJsonArray("userErrors").getJsonObject(0).getString("message"), is(card[2]));
            assertThat(stock(product), is(3));
            assertThat(stack.count("products", "SELECT COUNT(*) FROM reservations WHERE status = 'RELEASED' AND order_id = '"
                    + order.getString("id") + "'"), is(1L));
            assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE status = 'AUTHORIZED' AND order_id = '"
                    + order.getString("id") + "'"), is(0L));
        }
    }

    @Test
    @Order(4)
    void priceChangesAndUnknownProductsAreRefusedBeforeAnythingIsReserved() throws Exception {
        String product = newProduct(5, 999);
        JsonObject changed = graphql(ADA, PLACE_ORDER, Map.of("input", Map.of(
                "items", List.of(Map.of("productId", product, "quantity", 1, "expectedUnitPriceMinor", 899)),
                "paymentMethod", Map.of("cardNumber", SUCCESS_CARD), "idempotencyKey", "price-" + UUID.randomUUID())));
        assertThat(changed.toString(), changed.getJsonArray("userErrors").getJsonObject(0).getString("code"), is("PRICE_CHANGED"));
        assertThat(changed.isNull("order"), is(true));

        JsonObject unknown = placeOrder(ADA, "prod-nonexistent", 1, SUCCESS_CARD, "unknown-" + UUID.randomUUID());
        assertThat(unknown.toString(), unknown.getJsonArray("userErrors").getJsonObject(0).getString("code"), is("PRODUCT_NOT_FOUND"));
        assertThat(stock(product), is(5));
    }

    @Test
    @Order(5)
    void shipDeliverAndCancelMovePaymentsAndStock() throws Exception {
        StorefrontStack stack = STACK.stack();
        String product = newProduct(4, 1500);
        JsonObject shipped = placeOrder(BARBARA, product, 1, SUCCESS_CARD, "ship-" + UUID.randomUUID());
        String toShip = shipped.getJsonObject("order").getString("id");
        // the customer cannot ship her own order: that is the shop's (an admin's) business
        JsonObject shippedByCustomer = StorefrontStack.graphql(stack.url("orders"),
                "mutation { shipOrder(id: \"" + toShip + "\", trackingNumber: \"TRK-E2E-0\") { order { status } } }", Map.of(), token(BARBARA));
        assertThat(shippedByCustomer.toString(), shippedByCustomer.getJsonArray("errors").getJsonObject(0).getString("message"),
                is("Access denied: this operation requires the ADMIN role"));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE status = 'AUTHORIZED' AND order_id = '" + toShip + "'"), is(1L));
        JsonObject ship = graphql(ADMIN, "mutation { shipOrder(id: \"" + toShip + "\", trackingNumber: \"TRK-E2E-1\") { order { status trackingNumber } userErrors { code } } }", Map.of());
        assertThat(ship.toString(), ship.getJsonObject("order").getString("status"), is("SHIPPED"));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE status = 'CAPTURED' AND order_id = '" + toShip + "'"), is(1L));
        JsonObject cancelShipped = graphql(BARBARA, "mutation { cancelOrder(id: \"" + toShip + "\") { order { status } userErrors { code } } }", Map.of());
        assertThat(cancelShipped.getJsonArray("userErrors").getJsonObject(0).getString("code"), is("INVALID_TRANSITION"));
        JsonObject deliver = graphql(ADMIN, "mutation { deliverOrder(id: \"" + toShip + "\") { order { status } userErrors { code } } }", Map.of());
        assertThat(deliver.getJsonObject("order").getString("status"), is("DELIVERED"));

        JsonObject toCancel = placeOrder(BARBARA, product, 2, SUCCESS_CARD, "cancel-" + UUID.randomUUID());
        String cancelId = toCancel.getJsonObject("order").getString("id");
        assertThat(stock(product), is(1));
        // another customer cannot cancel it; its owner can
        JsonObject cancelledByAnother = StorefrontStack.graphql(stack.url("orders"),
                "mutation { cancelOrder(id: \"" + cancelId + "\") { order { status } } }", Map.of(), token(ADA));
        assertThat(cancelledByAnother.toString(), cancelledByAnother.getJsonArray("errors").getJsonObject(0).getString("message"),
                is("Access denied: this belongs to another account"));
        assertThat(stock(product), is(1));
        JsonObject cancel = graphql(BARBARA, "mutation { cancelOrder(id: \"" + cancelId + "\", reason: \"Customer request\") { order { status statusHistory { status reason } } userErrors { code } } }", Map.of());
        assertThat(cancel.toString(), cancel.getJsonObject("order").getString("status"), is("CANCELLED"));
        assertThat(stock(product), is(3));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE status = 'VOIDED' AND order_id = '" + cancelId + "'"), is(1L));
        assertThat(stack.count("orders", "SELECT COUNT(*) FROM orders WHERE recovery_due_at IS NOT NULL AND id = '" + cancelId + "'"), is(0L));
    }

    @Test
    @Order(6)
    void aPaymentsOutageIsAClearErrorReleasesStockOpensTheCircuitAndHeals() throws Exception {
        StorefrontStack stack = STACK.stack();
        String product = newProduct(5, 3000);
        List<String> failedOrders = new ArrayList<>();
        stack.process("payments").close();
        try {
            JsonObject last = null;
            for (int attempt = 0; attempt < 8; attempt++) {
                last = placeOrder(ADA, product, 1, SUCCESS_CARD, "outage-" + UUID.randomUUID());
                assertThat(last.toString(), last.getJsonArray("userErrors").getJsonObject(0).getString("code"), is("SERVICE_UNAVAILABLE"));
                assertThat(last.getJsonObject("order").getString("status"), is("CANCELLED"));
                failedOrders.add(last.getJsonObject("order").getString("id"));
                assertThat("reserved stock released", stock(product), is(5));
                if (last.getJsonArray("userErrors").getJsonObject(0).getString("message").contains("circuit open")) {
                    break;
                }
            }
            assertThat(last.toString(), last.getJsonArray("userErrors").getJsonObject(0).getString("message"), containsString("circuit open"));
            String metrics = get(stack.url("orders") + "/metrics");
            assertThat(metric(metrics, "ft_circuitbreaker_opened_total", "PaymentsClient.authorize"), greaterThanOrEqualTo(1L));

            long started = System.nanoTime();
            JsonObject fast = placeOrder(ADA, product, 1, SUCCESS_CARD, "outage-" + UUID.randomUUID());
            long millis = (System.nanoTime() - started) / 1_000_000;
            failedOrders.add(fast.getJsonObject("order").getString("id"));
            System.out.printf("checkout with the payments circuit open answered in %d ms: %s%n", millis,
                    fast.getJsonArray("userErrors").getJsonObject(0).getString("message"));
            assertThat("an open circuit fails fast", millis, lessThan(2000L));
        } finally {
            stack.start("payments");
            stack.process("payments").awaitReady(Duration.ofSeconds(120));
        }
        JsonObject[] healed = new JsonObject[1];
        awaitTrue("a checkout succeeds again once payments is back", Duration.ofSeconds(60), () -> {
            healed[0] = placeOrder(ADA, product, 1, SUCCESS_CARD, "healed-" + UUID.randomUUID());
            return healed[0].getJsonArray("userErrors").isEmpty();
        });
        assertThat(healed[0].getJsonObject("order").getString("status"), is("PAID"));
        assertThat(stock(product), is(4));
        // the outage's orders had their payments unchecked: recovery settles them once payments answers
        String ids = "'" + String.join("','", failedOrders) + "'";
        awaitTrue("recovery finished the outage's compensations", Duration.ofSeconds(60), () ->
                STACK.stack().count("orders", "SELECT COUNT(*) FROM orders WHERE recovery_due_at IS NOT NULL AND id IN (" + ids + ")") == 0);
        assertThat(stack.count("orders", "SELECT COUNT(*) FROM orders WHERE status = 'CANCELLED' AND id IN (" + ids + ")"),
                is((long) failedOrders.size()));
    }

    @Test
    @Order(7)
    void ordersKilledMidSagaIsResolvedByRecoveryAfterRestart() throws Exception {
        StorefrontStack stack = STACK.stack();
        // 1: a checkout in flight, stock reserved, the card provider still thinking, when orders dies
        String interrupted = newProduct(4, 2000);
        String key = "killed-" + UUID.randomUUID();
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> {
            try {
                placeOrder(ADA, interrupted, 1, PROVIDER_TIMEOUT_CARD, key);
            } catch (Exception | AssertionError expected) {
                // the process is killed under this request
            }
        });
        awaitTrue("the checkout reserved stock", Duration.ofSeconds(20), () -> stock(interrupted) == 3);
        stack.process("orders").kill();
        inFlight.join();
        String killedOrder = single(stack, "SELECT id FROM orders WHERE idempotency_key = '" + key + "'");
        assertThat(stack.count("orders", "SELECT COUNT(*) FROM orders WHERE status = 'PENDING' AND id = '" + killedOrder + "'"), is(1L));

        // 2: a checkout that died after the authorization and before PAID was written
        String authorized = newProduct(4, 2000);
        String crashedOrder = "order-e2e-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        assertThat(send("PUT", stack.url("products") + "/internal/reservations/" + crashedOrder,
                "{\"items\":[{\"productId\":\"" + authorized + "\",\"quantity\":1}]}"), is(200));
        assertThat(send("PUT", stack.url("payments") + "/internal/payments/authorizations/" + crashedOrder,
                "{\"orderId\":\"" + crashedOrder + "\",\"userId\":\"user-2\",\"amount\":{\"amountMinor\":2000,\"currency\":\"EUR\"},"
                        + "\"method\":\"CARD\",\"cardNumber\":\"" + SUCCESS_CARD + "\"}"), is(200));
        stack.execute("orders", "INSERT INTO orders (id, user_id, status, total_minor, currency, idempotency_key, recovery_due_at,"
                + " created_at, updated_at) VALUES ('" + crashedOrder + "', 'user-2', 'PENDING', 2000, 'EUR', 'crashed-" + crashedOrder
                + "', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
        stack.execute("orders", "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price_minor, currency)"
                + " VALUES ('" + crashedOrder + "', 1, '" + authorized + "', 1, 2000, 'EUR')");
        stack.execute("orders", "INSERT INTO order_status_changes (order_id, status, reason, changed_at)"
                + " VALUES ('" + crashedOrder + "', 'PENDING', 'Order placed', UTC_TIMESTAMP(3))");
        // the killed checkout's deadline passes (fast-forwarded rather than waited for)
        stack.execute("orders", "UPDATE orders SET recovery_due_at = UTC_TIMESTAMP(3) WHERE id = '" + killedOrder + "'");

        stack.start("orders");
        Duration ready = stack.process("orders").awaitReady(Duration.ofSeconds(120));
        System.out.printf("orders restarted after a kill: ready in %.1f s%n", ready.toMillis() / 1000.0);

        awaitTrue("recovery resolved the killed checkout", Duration.ofSeconds(60), () -> STACK.stack().count("orders",
                "SELECT COUNT(*) FROM orders WHERE status <> 'PENDING' AND recovery_due_at IS NULL AND id = '" + killedOrder + "'") == 1);
        JsonObject killed = graphql(ADMIN, "{ order(id: \"" + killedOrder + "\") { status statusHistory { status reason } } }", Map.of());
        System.out.println("killed checkout after recovery: " + killed);
        assertThat(killed.getString("status"), isOneOf("CANCELLED", "PAYMENT_FAILED"));
        assertThat(stock(interrupted), is(4));
        assertThat(stack.count("payments", "SELECT COUNT(*) FROM payments WHERE status IN ('AUTHORIZED', 'CAPTURED') AND order_id = '"
                + killedOrder + "'"), is(0L));
        // asking again with the key answers the resolved order, not a new one
        JsonObject replay = placeOrder(ADA, interrupted, 1, PROVIDER_TIMEOUT_CARD, key);
        assertThat(replay.getJsonObject("order").getString("id"), is(killedOrder));

        awaitTrue("recovery completed the authorized checkout", Duration.ofSeconds(60), () -> STACK.stack().count("orders",
                "SELECT COUNT(*) FROM orders WHERE status = 'PAID' AND recovery_due_at IS NULL AND id = '" + crashedOrder + "'") == 1);
        JsonObject completed = graphql(ADMIN, "{ order(id: \"" + crashedOrder + "\") { status statusHistory { status reason } } }", Map.of());
        assertThat(completed.toString(), completed.getJsonArray("statusHistory").getJsonObject(1).getString("reason"),
                containsString("recovery"));
        assertThat(stock(authorized), is(3));
    }

    // ---- helpers ----

    /** Place an order as the customer signed in with this demo email. */
    private static JsonObject placeOrder(String customer, String productId, int quantity, String card, String key) throws Exception {
        return graphql(customer, PLACE_ORDER, Map.of("input", Map.of(
                "items", List.of(Map.of("productId", productId, "quantity", quantity)),
                "paymentMethod", Map.of("cardNumber", card), "idempotencyKey", key)));
    }

    /**
     * @param account demo email of the account to call as (signed in once, then reused)
     * @return the single root field's value of a GraphQL response from orders, after checking it has no errors
     */
    private static JsonObject graphql(String account, String query, Map<String, ?> variables) throws Exception {
        JsonObject response = StorefrontStack.graphql(STACK.stack().url("orders"), query, variables, token(account));
        assertThat(response.toString(), response.containsKey("errors"), is(false));
        JsonObject data = response.getJsonObject("data");
        return data.getJsonObject(data.keySet().iterator().next());
    }

    /** @return a bearer token of the account, from the users service's login mutation (made once per account) */
    private static String token(String email) throws Exception {
        String token = TOKENS.get(email);
        if (token == null) {
            token = StorefrontStack.login(STACK.stack().url("users"), email, ADMIN.equals(email) ? ADMIN_PASSWORD : DEMO_PASSWORD);
            TOKENS.put(email, token);
        }
        return token;
    }

    /** A product of its own for a test: created in the products database, stock and price as given. */
    private static String newProduct(int stock, int priceMinor) throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        String id = "prod-e2e-" + suffix.toLowerCase(Locale.ROOT);
        STACK.stack().execute("products", "INSERT INTO products (id, sku, name, description, price_minor, currency, stock,"
                + " created_at, updated_at) VALUES ('" + id + "', 'E2E-" + suffix + "', 'Checkout test item', '', " + priceMinor
                + ", 'EUR', " + stock + ", UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
        return id;
    }

    /** @return the product's stock as products reports it over its internal lookup */
    private static int stock(String productId) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(STACK.stack().url("products") + "/internal/products/lookup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ids\":[\"" + productId + "\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonArray found = Json.createReader(new StringReader(response.body())).readArray();
        return found.getJsonObject(0).getInt("stock");
    }

    private static int send(String method, String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** @return the value of a Prometheus counter whose tags include the method name, or -1 */
    private static long metric(String text, String name, String method) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*method=\"[^\"]*" + Pattern.quote(method) + "\"[^}]*} ([0-9.]+)").matcher(text);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private interface Call {
        JsonObject run(int index) throws Exception;
    }

    /** Run {@code n} calls at the same moment, each on its own thread. */
    private static List<JsonObject> concurrently(int n, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<JsonObject>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                results.add(threads.submit(() -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<JsonObject> payloads = new ArrayList<>();
            for (Future<JsonObject> result : results) {
                payloads.add(result.get());
            }
            return payloads;
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.holds()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting: " + what);
            }
            Thread.sleep(250);
        }
    }

    private static String single(StorefrontStack stack, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/" + stack.databaseName("orders")
                + "?allowPublicKeyRetrieval=true&useSSL=false", "root", "");
             Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("No row for " + sql);
            }
            return rs.getString(1);
        }
    }
}
