package dev.storefront.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.storefront.orders.checkout.NewCartThrottle;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.orders.CartTest.count;
import static dev.storefront.orders.CartTest.sha256;
import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * New anonymous carts per client address: at most 3 a window here. The tests reach the service
 * from 127.0.0.1, a trusted proxy by default (as the gateway is), so {@code X-Forwarded-For} names
 * the client, as the gateway sends it. Each test uses its own client addresses.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class, PeerServices.class})
@HelidonTest
@AddConfig(key = "orders.cart.new-per-address", value = "3")
class NewCartThrottleTest {

    private static final String ADD = "mutation { addToCart(productId: \"prod-01\") { cart { id } cartToken userErrors { code message field } } }";

    @Inject
    NewCartThrottle throttle;

    private static GraphQlClient from(String address) {
        return GraphQlClient.forRunningServer().withHeader("X-Forwarded-For", address);
    }

    @Test
    void aClientAddressStartsOnlySoManyCartsAndARefusalStartsNone() throws Exception {
        GraphQlClient client = from("203.0.113.10");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonObject started = client.query(ADD);
            assertThat(started.toString(), at(started, "data.addToCart.userErrors").toString(), is("[]"));
            tokens.add(string(started, "data.addToCart.cartToken"));
        }
        long carts = count("SELECT COUNT(*) FROM carts");

        JsonObject refused = client.query(ADD);
        assertThat(refused.toString(), string(refused, "data.addToCart.userErrors.0.code"), is("TOO_MANY_CARTS"));
        assertThat(string(refused, "data.addToCart.userErrors.0.field.0"), is("cartToken"));
        assertThat("no cart", at(refused, "data.addToCart.cart"), is(JsonValue.NULL));
        assertThat("no token", at(refused, "data.addToCart.cartToken"), is(JsonValue.NULL));
        assertThat("nothing stored", count("SELECT COUNT(*) FROM carts"), is(carts));

        // the carts it has keep working, a signed-in shopper behind the same address is not limited,
        // and another address has its own count
        JsonObject kept = client.query("mutation($t: String) { addToCart(productId: \"prod-02\", cartToken: $t) {"
                + " userErrors { code } } }", java.util.Map.of("t", tokens.get(0)));
        assertThat(kept.toString(), at(kept, "data.addToCart.userErrors").toString(), is("[]"));
        JsonObject signedIn = client.withBearer(TestTokenIssuer.token("user-throttle-1", "CUSTOMER")).query(ADD);
        assertThat(signedIn.toString(), at(signedIn, "data.addToCart.userErrors").toString(), is("[]"));
        JsonObject neighbour = from("203.0.113.11").query(ADD);
        assertThat(neighbour.toString(), at(neighbour, "data.addToCart.userErrors").toString(), is("[]"));
        // a client-supplied first hop cannot pass for another client: the right-most untrusted hop counts
        JsonObject forged = from("198.51.100.77, 203.0.113.10").query(ADD);
        assertThat(string(forged, "data.addToCart.userErrors.0.code"), is("TOO_MANY_CARTS"));
    }

    @Test
    void aBurstFromOneAddressStartsExactlyTheLimit() throws Exception {
        GraphQlClient client = from("203.0.113.20");
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Callable<JsonObject> add = () -> {
                    start.await();
                    return client.query(ADD);
                };
                answers.add(pool.submit(add));
            }
            start.countDown();
            int started = 0;
            int refused = 0;
            for (Future<JsonObject> answer : answers) {
                JsonObject json = answer.get();
                if (at(json, "data.addToCart.cartToken") != JsonValue.NULL) {
                    started++;
                } else {
                    assertThat(json.toString(), string(json, "data.addToCart.userErrors.0.code"), is("TOO_MANY_CARTS"));
                    refused++;
                }
            }
            assertThat(started, is(3));
            assertThat(refused, is(9));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewWindowStartsAfreshAndEndedCountersAreDeleted() throws Exception {
        GraphQlClient client = from("203.0.113.30");
        for (int i = 0; i < 3; i++) {
            client.query(ADD);
        }
        assertThat(string(client.query(ADD), "data.addToCart.userErrors.0.code"), is("TOO_MANY_CARTS"));
        String counter = sha256("address:203.0.113.30");
        // the window (an hour) began 61 minutes ago
        FreshDatabaseExtension.execute("UPDATE new_cart_throttle SET window_started_at = UTC_TIMESTAMP(3) - INTERVAL 61 MINUTE"
                + " WHERE address_hash = '" + counter + "'");

        JsonObject again = client.query(ADD);
        assertThat(again.toString(), at(again, "data.addToCart.cartToken"), is(not(JsonValue.NULL)));
        assertThat("the new window counts the cart just started",
                count("SELECT carts_started FROM new_cart_throttle WHERE address_hash = '" + counter + "'"), is(1L));

        FreshDatabaseExtension.execute("UPDATE new_cart_throttle SET window_started_at = UTC_TIMESTAMP(3) - INTERVAL 2 HOUR"
                + " WHERE address_hash = '" + counter + "'");
        long others = count("SELECT COUNT(*) FROM new_cart_throttle WHERE address_hash <> '" + counter + "'");
        assertThat(throttle.deleteEnded(), is(1L));
        assertThat("only the ended counter went", count("SELECT COUNT(*) FROM new_cart_throttle"), is(others));
    }

    @Test
    void aTrustedProxyThatNamesNoClientIsNotLimited() throws Exception {
        // straight from 127.0.0.1 without X-Forwarded-For: a gateway that names no client is never one abusive client
        GraphQlClient unnamed = GraphQlClient.forRunningServer();
        for (int i = 0; i < 5; i++) {
            JsonObject started = unnamed.query(ADD);
            assertThat(started.toString(), at(started, "data.addToCart.userErrors").toString(), is("[]"));
        }
    }
}
