package dev.storefront.orders.checkout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Optional;

import dev.storefront.orders.persistence.NewCartThrottleRepository;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.security.IncomingRequest;
import dev.storefront.subgraph.security.TrustedProxies;
import dev.storefront.subgraph.types.UserError;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most {@code orders.cart.new-per-address} new anonymous carts per client address in
 * {@code orders.cart.new-window}: a shopper starts one and keeps its token, so a client starting
 * many is a script filling the carts table. The client address is the one users' sign-in limits
 * use ({@link IncomingRequest#clientAddress}: the gateway is a trusted proxy, its
 * {@code X-Forwarded-For} names the client). A request whose trusted proxy names no client is not
 * limited, so one busy gateway is never taken for one abusive client. Signed-in shoppers and
 * changes to an existing cart are never limited.
 */
@ApplicationScoped
public class NewCartThrottle {

    private final NewCartThrottleRepository counters;
    private final TrustedProxies trustedProxies;
    private final int maxCarts;
    private final Duration window;

    @Inject
    public NewCartThrottle(NewCartThrottleRepository counters,
                           @ConfigProperty(name = "orders.trusted-proxies", defaultValue = "127.0.0.1,0:0:0:0:0:0:0:1")
                           String[] trustedProxies,
                           @ConfigProperty(name = "orders.cart.new-per-address", defaultValue = "100") int maxCarts,
                           @ConfigProperty(name = "orders.cart.new-window", defaultValue = "PT1H") Duration window) {
        this.counters = counters;
        this.trustedProxies = TrustedProxies.of(trustedProxies);
        this.maxCarts = maxCarts;
        this.window = window;
    }

    /**
     * Count a new anonymous cart against the request's client address.
     *
     * @return why it may not be started, or empty when it may
     */
    public Optional<UserError> takeOne() {
        Optional<String> address = IncomingRequest.current().flatMap(request -> request.clientAddress(trustedProxies));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        LocalDateTime now = UtcTimes.now();
        if (counters.take(hash(address.get()), now, now.minus(window), maxCarts)) {
            return Optional.empty();
        }
        return Optional.of(new UserError("TOO_MANY_CARTS", "Too many new carts from your network in a short time; keep "
                + "using your cart (send its cartToken) or sign in, and try again later", "cartToken"));
    }

    /**
     * Delete the counters whose window is over (the abandoned-cart clean-up calls it).
     *
     * @return counters deleted
     */
    public long deleteEnded() {
        return counters.deleteEnded(UtcTimes.now().minus(window));
    }

    private static String hash(String address) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("address:" + address).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
