package dev.storefront.products;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The internal inventory API the checkout saga calls: lookup, reserve, release, over real HTTP. */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class InventoryTest {

    private InternalHttp http;
    private GraphQlClient graphql;

    @BeforeEach
    void connect() {
        http = InternalHttp.forRunningServer();
        graphql = GraphQlClient.forRunningServer();
    }

    @Test
    void lookupAnswersKnownProductsInRequestOrder() {
        GraphQlClient.Response response = http.post("/internal/products/lookup",
                "{\"ids\":[\"prod-10\",\"prod-404\",\"prod-01\",\"not valid!\",\"prod-10\"]}");
        assertThat(response.status(), is(200));
        assertThat(response.body(), is("[{\"id\":\"prod-10\",\"sku\":\"DRB-010\",\"name\":\"Dry Bag 20L\","
                + "\"price\":{\"amountMinor\":1799,\"currency\":\"EUR\"},\"stock\":0},"
                + "{\"id\":\"prod-01\",\"sku\":\"TRS-001\",\"name\":\"Trail Running Shoes\","
                + "\"price\":{\"amountMinor\":12999,\"currency\":\"EUR\"},\"stock\":25}]"));
        assertThat(http.post("/internal/products/lookup", "{\"ids\":[]}").body(), is("[]"));
    }

    @Test
    void badRequestsAreFourHundredsWithACode() {
        assertBadRequest(http.post("/internal/products/lookup", "{\"ids\":\"prod-01\"}"), "'ids' must be an array");
        assertBadRequest(http.post("/internal/products/lookup", "{\"ids\":[1]}"), "not a string at index 0");
        assertBadRequest(http.post("/internal/products/lookup", "{not json"), "Request body is not valid JSON");
        assertBadRequest(http.post("/internal/products/lookup", "[]"), "Request body must be a JSON object");

        String product = product(5);
        assertBadRequest(http.put("/internal/reservations/order-bad", "{}"), "'items' must be a non-empty array");
        assertBadRequest(http.put("/internal/reservations/order-bad", "{\"items\":[]}"), "'items' must be a non-empty array");
        assertBadRequest(http.put("/internal/reservations/order-bad", ""), "Request body must be a JSON object");
        for (String quantity : List.of("0", "-1", "1.5", "\"2\"", "10001", "99999999999999999999")) {
            assertBadRequest(http.put("/internal/reservations/order-bad",
                            "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}]}"),
                    "'items[0].quantity' must be a whole number from 1 to 10000");
        }
        assertBadRequest(http.put("/internal/reservations/order-bad", "{\"items\":[{\"quantity\":1}]}"),
                "'items[0].productId' must be a product id");
        assertBadRequest(http.put("/internal/reservations/bad%20order", "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}"),
                "Order id is not valid");
        assertBadRequest(http.delete("/internal/reservations/bad%20order"), "Order id is not valid");
        assertThat(stock(product), is(5));
        assertThat(http.get("/internal/reservations/order-bad").status(), is(404));

        // protocol mistakes (wrong media type, wrong method) are 4xx, not 500
        GraphQlClient.Response wrongType = http.send("PUT", "/internal/reservations/order-bad",
                "{\"items\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}", "text/plain");
        assertThat(wrongType.status(), is(415));
        assertThat(http.send("GET", "/internal/products/lookup", "", "application/json").status(), is(405));
        assertThat(stock(product), is(5));
    }

    @Test
    void reserveTakesStockOnceAndRepeatingAnswersTheSameReservation() {
        String a = product(10);
        String b = product(10);
        String body = "{\"items\":[{\"productId\":\"" + b + "\",\"quantity\":2},{\"productId\":\"" + a + "\",\"quantity\":3}]}";
        GraphQlClient.Response first = http.put("/internal/reservations/order-r1", body);
        assertThat(first.status(), is(200));
        assertThat(string(first.json(), "orderId"), is("order-r1"));
        assertThat(string(first.json(), "status"), is("RESERVED"));
        assertThat(quantities(first), is(Map.of(a, 3, b, 2)));

        GraphQlClient.Response again = http.put("/internal/reservations/order-r1", body);
        assertThat(again.status(), is(200));
        assertThat(quantities(again), is(Map.of(a, 3, b, 2)));
        assertThat(stock(a), is(7));
        assertThat(stock(b), is(8));

        GraphQlClient.Response stored = http.get("/internal/reservations/order-r1");
        assertThat(stored.status(), is(200));
        assertThat(quantities(stored), is(Map.of(a, 3, b, 2)));
    }

    @Test
    void linesForTheSameProductAreMerged() {
        String a = product(10);
        GraphQlClient.Response response = http.put("/internal/reservations/order-merge",
                "{\"items\":[{\"productId\":\"" + a + "\",\"quantity\":1},{\"productId\":\"" + a + "\",\"quantity\":2}]}");
        assertThat(response.status(), is(200));
        assertThat(quantities(response), is(Map.of(a, 3)));
        assertThat(stock(a), is(7));
    }

    @Test
    void sameOrderWithDifferentItemsIsAConflictAndReservesNothingMore() {
        String a = product(10);
        assertThat(http.put("/internal/reservations/order-c1", items(a, 1)).status(), is(200));
        GraphQlClient.Response conflict = http.put("/internal/reservations/order-c1", items(a, 4));
        assertThat(conflict.status(), is(409));
        assertThat(string(conflict.json(), "code"), is("RESERVATION_CONFLICT"));
        assertThat(stock(a), is(9));
    }

    @Test
    void outOfStockReservesNothingAtAll() {
        String plenty = product(10);
        String scarce = product(1);
        GraphQlClient.Response response = http.put("/internal/reservations/order-o1",
                "{\"items\":[{\"productId\":\"" + plenty + "\",\"quantity\":4},{\"productId\":\"" + scarce + "\",\"quantity\":2}]}");
        assertThat(response.status(), is(409));
        assertThat(string(response.json(), "code"), is("OUT_OF_STOCK"));
        assertThat(string(response.json(), "productId"), is(scarce));
        assertThat(string(response.json(), "available"), is("1"));
        assertThat(string(response.json(), "message"), containsString("nothing was reserved"));
        assertThat(stock(plenty), is(10));
        assertThat(stock(scarce), is(1));
        assertThat(http.get("/internal/reservations/order-o1").status(), is(404));

        // nothing was recorded for the order, so it may try again once stock is there
        assertThat(http.put("/internal/reservations/order-o1", items(scarce, 1)).status(), is(200));
        assertThat(stock(scarce), is(0));
    }

    @Test
    void unknownProductReservesNothing() {
        String a = product(10);
        GraphQlClient.Response response = http.put("/internal/reservations/order-u1",
                "{\"items\":[{\"productId\":\"" + a + "\",\"quantity\":1},{\"productId\":\"prod-404\",\"quantity\":1}]}");
        assertThat(response.status(), is(409));
        assertThat(string(response.json(), "code"), is("UNKNOWN_PRODUCT"));
        assertThat(string(response.json(), "productId"), is("prod-404"));
        assertThat(stock(a), is(10));
    }

    @Test
    void releaseRestocksExactlyOnceAndIsIdempotent() {
        String a = product(10);
        String b = product(5);
        assertThat(http.put("/internal/reservations/order-l1",
                "{\"items\":[{\"productId\":\"" + a + "\",\"quantity\":4},{\"productId\":\"" + b + "\",\"quantity\":5}]}").status(), is(200));
        assertThat(stock(a), is(6));
        assertThat(stock(b), is(0));

        for (int i = 0; i < 3; i++) {
            GraphQlClient.Response released = http.delete("/internal/reservations/order-l1");
            assertThat(released.status(), is(200));
            assertThat(released.body(), is("{\"orderId\":\"order-l1\",\"status\":\"RELEASED\"}"));
        }
        assertThat(stock(a), is(10));
        assertThat(stock(b), is(5));
        assertThat(string(http.get("/internal/reservations/order-l1").json(), "status"), is("RELEASED"));

        // a late repeat of the reservation must not take the stock again
        GraphQlClient.Response late = http.put("/internal/reservations/order-l1",
                "{\"items\":[{\"productId\":\"" + a + "\",\"quantity\":4},{\"productId\":\"" + b + "\",\"quantity\":5}]}");
        assertThat(late.status(), is(409));
        assertThat(string(late.json(), "code"), is("RESERVATION_RELEASED"));
        assertThat(stock(a), is(10));
        assertThat(stock(b), is(5));
    }

    @Test
    void releasingAnOrderThatNeverReservedIsNotFoundAndBlocksALateReservation() {
        String a = product(3);
        GraphQlClient.Response missing = http.delete("/internal/reservations/order-n1");
        assertThat(missing.status(), is(404));
        assertThat(string(missing.json(), "code"), is("NOT_FOUND"));
        assertThat(http.delete("/internal/reservations/order-n1").status(), is(404));
        assertThat(http.get("/internal/reservations/order-n1").status(), is(404));

        // the saga gave up on the order (e.g. the reservation call timed out) before the request landed
        GraphQlClient.Response late = http.put("/internal/reservations/order-n1", items(a, 1));
        assertThat(late.status(), is(409));
        assertThat(string(late.json(), "code"), is("RESERVATION_RELEASED"));
        assertThat(stock(a), is(3));
    }

    @Test
    void fiftyConcurrentReservationsNeverOversell() throws Exception {
        String scarce = product(10);
        List<GraphQlClient.Response> responses = concurrently(50,
                i -> http.put("/internal/reservations/order-rush-" + i, items(scarce, 1)));
        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(GraphQlClient.Response::status, Collectors.counting()));
        assertThat(byStatus, is(Map.of(200, 10L, 409, 40L)));
        responses.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertThat(string(r.json(), "code"), is("OUT_OF_STOCK")));
        assertThat(stock(scarce), is(0));
        long held = 0;
        for (int i = 0; i < 50; i++) {
            if (http.get("/internal/reservations/order-rush-" + i).status() == 200) {
                held++;
            }
        }
        assertThat(held, is(10L));
    }

    @Test
    void concurrentRepeatsOfOneReservationReserveOnce() throws Exception {
        String a = product(10);
        List<GraphQlClient.Response> responses = concurrently(10, i -> http.put("/internal/reservations/order-same", items(a, 3)));
        responses.forEach(r -> assertThat(r.body(), r.status(), is(200)));
        responses.forEach(r -> assertThat(quantities(r), is(Map.of(a, 3))));
        assertThat(stock(a), is(7));
    }

    @Test
    void concurrentRepeatsOfAnOutOfStockReservationAllSayOutOfStock() throws Exception {
        // each attempt rolls back its reservation row, so the waiting repeats race to insert it again
        String scarce = product(2);
        List<GraphQlClient.Response> responses = concurrently(10, i -> http.put("/internal/reservations/order-short", items(scarce, 3)));
        responses.forEach(r -> assertThat(r.body(), r.status(), is(409)));
        responses.forEach(r -> assertThat(string(r.json(), "code"), is("OUT_OF_STOCK")));
        assertThat(stock(scarce), is(2));
        assertThat(http.get("/internal/reservations/order-short").status(), is(404));
    }

    @Test
    void concurrentReleasesRestockOnce() throws Exception {
        String a = product(10);
        assertThat(http.put("/internal/reservations/order-rel", items(a, 6)).status(), is(200));
        List<GraphQlClient.Response> responses = concurrently(10, i -> http.delete("/internal/reservations/order-rel"));
        responses.forEach(r -> assertThat(r.body(), r.status(), is(200)));
        assertThat(stock(a), is(10));
    }

    @Test
    void concurrentMultiItemReservationsInOppositeOrderNeitherDeadlockNorOversell() throws Exception {
        String a = product(20);
        String b = product(20);
        List<GraphQlClient.Response> responses = concurrently(30, i -> http.put("/internal/reservations/order-mix-" + i,
                i % 2 == 0
                        ? "{\"items\":[{\"productId\":\"" + a + "\",\"quantity\":1},{\"productId\":\"" + b + "\",\"quantity\":1}]}"
                        : "{\"items\":[{\"productId\":\"" + b + "\",\"quantity\":1},{\"productId\":\"" + a + "\",\"quantity\":1}]}"));
        long ok = responses.stream().filter(r -> r.status() == 200).count();
        assertThat(responses.stream().filter(r -> r.status() != 200 && r.status() != 409).map(GraphQlClient.Response::body).toList(),
                is(List.of()));
        assertThat(ok, is(20L));
        assertThat(stock(a), is(0));
        assertThat(stock(b), is(0));
    }

    @Test
    void firstReservationsRacingTheirReleasesNeverKeepStock() throws Exception {
        // the first reservation of an order inserts its row in the transaction that takes the stock:
        // a release arriving meanwhile waits for it, then restocks; one arriving first settles the
        // order so that the reservation is refused
        String a = product(40);
        int orders = 20;
        List<GraphQlClient.Response> responses = concurrently(2 * orders, i -> i % 2 == 0
                ? http.put("/internal/reservations/order-race-" + i / 2, items(a, 2))
                : http.delete("/internal/reservations/order-race-" + i / 2));
        for (int i = 0; i < 2 * orders; i += 2) {
            GraphQlClient.Response reserve = responses.get(i);
            GraphQlClient.Response release = responses.get(i + 1);
            if (reserve.status() == 200) {
                // reserved first, so the release restocked it
                assertThat(release.body(), release.status(), is(200));
            } else {
                assertThat(reserve.body(), reserve.status(), is(409));
                assertThat(string(reserve.json(), "code"), is("RESERVATION_RELEASED"));
                assertThat(release.body(), release.status(), is(404));
            }
            GraphQlClient.Response stored = http.get("/internal/reservations/order-race-" + i / 2);
            if (stored.status() == 200) {
                assertThat(string(stored.json(), "status"), is("RELEASED"));
            }
        }
        assertThat(stock(a), is(40));
    }

    private static int productCounter;

    /** A fresh product with the given stock, so each test owns its numbers. */
    private static String product(int stock) {
        String id = "inv-" + (++productCounter);
        try {
            FreshDatabaseExtension.execute("INSERT INTO products (id, sku, name, description, price_minor, currency, stock, created_at, updated_at)"
                    + " VALUES ('" + id + "', 'INV-" + productCounter + "', 'Inventory item', '', 1000, 'EUR', " + stock
                    + ", '2026-02-01 00:00:00', '2026-02-01 00:00:00')");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return id;
    }

    private int stock(String productId) {
        return Integer.parseInt(string(graphql.query("query($id: ID!) { product(id: $id) { stock } }", Map.of("id", productId)),
                "data.product.stock"));
    }

    private static String items(String productId, int quantity) {
        return "{\"items\":[{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}]}";
    }

    private static Map<String, Integer> quantities(GraphQlClient.Response response) {
        return at(response.json(), "items").asJsonArray().stream()
                .collect(Collectors.toMap(item -> string(item, "productId"), item -> Integer.parseInt(string(item, "quantity"))));
    }

    private static void assertBadRequest(GraphQlClient.Response response, String messagePart) {
        assertThat(response.body(), response.status(), is(400));
        assertThat(string(response.json(), "code"), is("INVALID_REQUEST"));
        assertThat(string(response.json(), "message"), containsString(messagePart));
        assertThat(response.body(), not(containsString("Exception")));
    }

    /** Runs {@code count} calls at once (released together by a latch) on platform threads. */
    private static List<GraphQlClient.Response> concurrently(int count, Function<Integer, GraphQlClient.Response> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<GraphQlClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<GraphQlClient.Response> task = () -> {
                    start.await();
                    return call.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<GraphQlClient.Response> responses = new ArrayList<>();
            for (Future<GraphQlClient.Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
