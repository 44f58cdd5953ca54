package dev.storefront.users;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Sign-in under concurrency, over real HTTP with real threads against a fresh database: the
 * lockouts hold however many attempts race (a burst gets no more password checks than the limit
 * allows), and a burst of correct sign-ins all succeed, however busy hashing keeps the CPU.
 * Limits as in production (5 per account, 20 per client address), with lockouts long enough to
 * outlast the test, and the pool's production wait for a connection (2 s).
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddConfig(key = "users.login.account.max-failures", value = "5")
@AddConfig(key = "users.login.account.lockout", value = "PT15M")
@AddConfig(key = "users.login.address.max-failures", value = "20")
@AddConfig(key = "users.login.address.lockout", value = "PT15M")
// a slower hash (~3x the production cost): 60 of them keep 2 cores busy for seconds, longer than the
// pool's 2 s wait for a connection, as on a loaded production host
@AddConfig(key = "users.password.argon2.iterations", value = "6")
class ConcurrentSignInTest {

    private static final int BURST = 30;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer();
    }

    @Test
    void aBurstOfWrongPasswordsGetsNoMorePasswordChecksThanTheAccountLimit() throws Exception {
        Sessions.register(client, "burst@example.com", "the right passphrase");
        // each attempt from its own address: only the account's limit applies
        Map<String, Integer> codes = codes(inParallel(BURST, i -> () -> Sessions.login(
                client.withHeader("X-Forwarded-For", "198.51.100." + (i + 1)), "burst@example.com", "wrong passphrase " + i)));

        assertThat(codes.toString(), codes.getOrDefault("INVALID_CREDENTIALS", 0), lessThanOrEqualTo(5));
        assertThat(codes.toString(), codes.getOrDefault("INVALID_CREDENTIALS", 0) + codes.getOrDefault("ACCOUNT_LOCKED", 0), is(BURST));
        assertThat("the right password during the lockout is refused",
                code(Sessions.login(client.withHeader("X-Forwarded-For", "198.51.100.200"), "burst@example.com", "the right passphrase")),
                is("ACCOUNT_LOCKED"));
    }

    @Test
    void aBurstFromOneAddressGetsNoMorePasswordChecksThanTheAddressLimit() throws Exception {
        GraphQlClient attacker = client.withHeader("X-Forwarded-For", "203.0.113.50");
        // a different account each time: only the address's limit applies
        Map<String, Integer> codes = codes(inParallel(BURST, i -> () -> Sessions.login(attacker, "victim" + i + "@example.com", "guess")));

        assertThat(codes.toString(), codes.getOrDefault("INVALID_CREDENTIALS", 0), lessThanOrEqualTo(20));
        assertThat(codes.toString(), codes.getOrDefault("INVALID_CREDENTIALS", 0) + codes.getOrDefault("TOO_MANY_ATTEMPTS", 0), is(BURST));
        assertThat("the right password from that address is refused",
                code(Sessions.login(attacker, "grace@example.com", Sessions.DEMO_PASSWORD)), is("TOO_MANY_ATTEMPTS"));
    }

    @Test
    void aBurstOfCorrectSignInsAllSucceed() throws Exception {
        Sessions.register(client, "crowd@example.com", "the right passphrase");
        List<JsonObject> responses = inParallel(60, i -> () -> Sessions.login(
                client.withHeader("X-Forwarded-For", "192.0.2." + (i + 1)), "crowd@example.com", "the right passphrase"));

        List<String> failures = responses.stream().filter(r -> string(r, "data.login.token") == null).map(JsonObject::toString).toList();
        assertThat(failures.size() + " of 60 failed, e.g. " + failures.stream().findFirst().orElse(""), failures.size(), is(0));
    }

    /** Start every call at once (one thread each) and wait for all. */
    private static List<JsonObject> inParallel(int count, IntFunction<Callable<JsonObject>> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonObject>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<JsonObject> attempt = call.apply(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return attempt.call();
                }));
            }
            start.countDown();
            List<JsonObject> responses = new ArrayList<>();
            for (Future<JsonObject> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    /** @return how many responses carried each userError code (or the GraphQL error message) */
    private static Map<String, Integer> codes(List<JsonObject> responses) {
        Map<String, Integer> codes = new TreeMap<>();
        responses.forEach(r -> codes.merge(code(r) != null ? code(r) : String.valueOf(string(r, "errors.0.message")), 1, Integer::sum));
        return codes;
    }

    private static String code(JsonObject response) {
        return string(response, "data.login.userErrors.0.code");
    }
}
