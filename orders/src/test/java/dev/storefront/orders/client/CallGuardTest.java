package dev.storefront.orders.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.storefront.subgraph.deadline.Deadline;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The fault tolerance every outbound call of orders runs under ({@link CallGuard}), exercised
 * through the products lookup against a real HTTP server whose answers each test scripts: retries
 * of lost answers, the circuit opening and healing, no retry of an answer outside the contract,
 * the timeout per attempt, the bulkhead refusing, the deadline reaching the other side, and the
 * metrics MP Fault Tolerance used to report.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class CallGuardTest {

    private static final String PRODUCT = "[{\"id\":\"prod-01\",\"name\":\"One\",\"price\":{\"amountMinor\":100,"
            + "\"currency\":\"EUR\"},\"stock\":3}]";
    /** Small limits, so that the tests run in a moment: 2 retries, breaker at 50 % of 4 open 300 ms, 1 at once + 1 queued. */
    private static final CallGuard.Settings QUICK = new CallGuard.Settings(Duration.ofMillis(500), 2, Duration.ofMillis(10),
            Duration.ofMillis(5), Duration.ofSeconds(5), 1, 1, 4, 50, Duration.ofMillis(300));

    @Inject
    CallGuards guards;

    @Inject
    @RegistryScope(scope = MetricRegistry.BASE_SCOPE)
    MetricRegistry metrics;

    private HttpServer server;
    private ProductsApi api;
    /** What the server answers next: status, body and delay, one per request; the last one repeats. */
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Queue<String> deadlineHeaders = new ConcurrentLinkedQueue<>();

    private record Answer(int status, String body, long delayMs) {
    }

    @BeforeEach
    void startServer() throws IOException {
        // (one instance of this class may serve several tests)
        answers.clear();
        requests.set(0);
        deadlineHeaders.clear();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/internal/products/lookup", this::answer);
        server.start();
        api = new ProductsApi(new InternalHttp("products", "http://127.0.0.1:" + server.getAddress().getPort() + "/internal",
                1000, 10_000));
        // the client's first call loads and initializes its providers: not what the timeouts here are about
        answer(200, PRODUCT, 0);
        ProductsCalls.lookup(api, List.of("prod-01"));
        answers.clear();
        requests.set(0);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aLostAnswerIsAskedAgain() {
        answer(503, "{}", 0);
        answer(503, "{}", 0);
        answer(200, PRODUCT, 0);
        CallGuard guard = guard("lostAnswer", QUICK);

        Map<String, ProductSnapshot> found = lookup(guard);

        assertThat(found.get("prod-01").stock(), is(3));
        assertThat(requests.get(), is(3));
        assertThat(count("ft.retry.retries.total", "lostAnswer"), is(2L));
        assertThat(count("ft.invocations.total", "lostAnswer", new Tag("result", "valueReturned"),
                new Tag("fallback", "notDefined")), is(1L));
    }

    @Test
    void repeatedFailuresOpenTheCircuitWhichFailsFastAndHeals() throws Exception {
        answer(503, "{}", 0);
        CallGuard guard = guard("outage", QUICK.withRetries(0));
        for (int i = 0; i < 4; i++) {
            RemoteServiceException failure = assertThrows(RemoteServiceException.class, () -> lookup(guard));
            assertThat(failure.getMessage(), containsString("answered 503"));
        }
        int asked = requests.get();

        RemoteServiceException open = assertThrows(RemoteServiceException.class, () -> lookup(guard));

        assertThat(open.getMessage(), containsString("circuit open"));
        assertThat("an open circuit does not call", requests.get(), is(asked));
        assertThat(count("ft.circuitbreaker.opened.total", "outage"), is(1L));
        assertThat(count("ft.circuitbreaker.calls.total", "outage", new Tag("circuitBreakerResult", "circuitBreakerOpen")), is(1L));

        answers.clear();
        answer(200, PRODUCT, 0);
        Thread.sleep(400);
        assertThat(lookup(guard).size(), is(1));
    }

    @Test
    void anAnswerOutsideTheContractIsNotRetriedNorHeldAgainstTheService() {
        answer(200, "{\"not\":\"a list\"}", 0);
        CallGuard guard = guard("badAnswer", QUICK);
        for (int i = 0; i < 5; i++) {
            assertThrows(UnexpectedResponseException.class, () -> lookup(guard));
        }
        assertThat("no retry", requests.get(), is(5));
        assertThat(count("ft.circuitbreaker.opened.total", "badAnswer"), is(0L));
        assertThat(count("ft.circuitbreaker.calls.total", "badAnswer", new Tag("circuitBreakerResult", "failure")), is(0L));
    }

    @Test
    void eachAttemptHasItsTimeout() {
        answer(200, PRODUCT, 3000);
        CallGuard guard = guard("slow", QUICK.withTimeout(Duration.ofMillis(200)).withRetries(1));
        long started = System.nanoTime();

        RemoteServiceException failure = assertThrows(RemoteServiceException.class, () -> lookup(guard));

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(failure.getMessage(), is("products did not answer product lookup in time"));
        assertThat("two attempts of 200 ms, not the server's 3 s", millis, lessThan(2000L));
        assertThat(requests.get(), is(2));
        assertThat(count("ft.timeout.calls.total", "slow", new Tag("timedOut", "true")), is(2L));
    }

    @Test
    void aFullBulkheadRefusesAtOnceAndIsNotRetried() throws Exception {
        answer(200, PRODUCT, 1500);
        CallGuard guard = guard("crowded", QUICK.withTimeout(Duration.ofSeconds(5)));
        // one call running, one queued: the third finds no room
        CompletableFuture<Map<String, ProductSnapshot>> running = guard.call(() -> ProductsCalls.lookup(api, List.of("prod-01")));
        CompletableFuture<Map<String, ProductSnapshot>> queued = guard.call(() -> ProductsCalls.lookup(api, List.of("prod-01")));
        awaitRequests(1);
        Thread.sleep(100);

        RemoteServiceException refused = assertThrows(RemoteServiceException.class, () -> lookup(guard));

        assertThat(refused.getMessage(), containsString("Too many calls"));
        assertThat(running.get(5, TimeUnit.SECONDS).size(), is(1));
        assertThat(queued.get(5, TimeUnit.SECONDS).size(), is(1));
        assertThat("the refused call never reached the server", requests.get(), is(2));
        assertThat(count("ft.bulkhead.calls.total", "crowded", new Tag("bulkheadResult", "rejected")), is(1L));
    }

    @Test
    void theCallKeepsTheRequestsDeadlineAndAwaitingEndsAtIt() {
        answer(200, PRODUCT, 3000);
        CallGuard guard = guard("deadline", QUICK.withTimeout(Duration.ofSeconds(5)).withRetries(0));
        Context context = Context.create();
        context.register(Deadline.inMillis(600));
        long started = System.nanoTime();

        DeadlineExceededException cut = Contexts.runInContext(context, () ->
                assertThrows(DeadlineExceededException.class, () -> lookup(guard)));

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(cut.getMessage(), containsString("within the request's deadline"));
        assertThat("the wait ends at the deadline, not the 5 s timeout", millis, lessThan(2000L));
        assertThat(deadlineHeaders.size(), is(1));
        long sent = Long.parseLong(deadlineHeaders.peek());
        assertThat("the time left went with the call", sent <= 600 && sent > 300, is(true));
    }

    private Map<String, ProductSnapshot> lookup(CallGuard guard) {
        return Remote.await("products", guard.call(() -> ProductsCalls.lookup(api, List.of("prod-01"))));
    }

    private CallGuard guard(String method, CallGuard.Settings settings) {
        return guards.guard(CallGuardTest.class, "test", method, settings);
    }

    private long count(String name, String method, Tag... more) {
        Tag[] tags = new Tag[more.length + 1];
        tags[0] = new Tag("method", CallGuardTest.class.getName() + "." + method);
        System.arraycopy(more, 0, tags, 1, more.length);
        Counter counter = metrics.getCounter(new MetricID(name, tags));
        return counter == null ? -1 : counter.getCount();
    }

    private void answer(int status, String body, long delayMs) {
        answers.add(new Answer(status, body, delayMs));
    }

    private void awaitRequests(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (requests.get() < n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(requests.get(), greaterThanOrEqualTo(n));
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        String deadline = exchange.getRequestHeaders().getFirst(Deadline.HEADER);
        if (deadline != null) {
            deadlineHeaders.add(deadline);
        }
        Answer answer = answers.size() > 1 ? answers.poll() : answers.peek();
        try {
            Thread.sleep(answer.delayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client gave up (a timeout under test): nothing to answer
        }
    }
}
