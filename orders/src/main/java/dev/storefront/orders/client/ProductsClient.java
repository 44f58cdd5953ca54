package dev.storefront.orders.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.domain.OrderItem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The products service, as the checkout saga needs it, each method under its own fault tolerance
 * ({@link CallGuard}: timeout, retries, circuit breaker, bulkhead with a queue). Every call is
 * idempotent by the contract — a lookup only reads, a reservation is keyed by the order id and
 * never reserves twice, a release restocks once — so a call whose answer was lost is safe to send
 * again: hence the retries. Calls run on their own threads (a burst of checkouts queues in the
 * bulkhead) and answer futures. The settings can be overridden by MP Config
 * ({@code clients.products.max-retries}, {@code clients.products.lookup.timeout-ms}, ...: see
 * {@link CallGuard.Settings#from}). What the answers mean is in {@link ProductsCalls}.
 */
@ApplicationScoped
public class ProductsClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "products";

    /** Timeout 5 s per attempt, 2 retries 100 ms (±50) apart within 15 s, breaker at 50 % of 4, open 5 s, 16 at once + 256 queued. */
    static final CallGuard.Settings DEFAULTS = new CallGuard.Settings(Duration.ofSeconds(5), 2, Duration.ofMillis(100),
            Duration.ofMillis(50), Duration.ofSeconds(15), 16, 256, 4, 50, Duration.ofSeconds(5));

    private final ProductsApi api;
    private final CallGuard lookups;
    private final CallGuard reservations;
    private final CallGuard releases;

    @Inject
    public ProductsClient(@ConfigProperty(name = "products.url") String url,
                          @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                          @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs,
                          CallGuards guards) {
        this.api = new ProductsApi(new InternalHttp(SERVICE_NAME, url + "/internal", connectTimeoutMs, readTimeoutMs));
        this.lookups = guards.guard(ProductsClient.class, SERVICE_NAME, "lookup", DEFAULTS.withTimeout(Duration.ofSeconds(3)));
        this.reservations = guards.guard(ProductsClient.class, SERVICE_NAME, "reserve", DEFAULTS);
        this.releases = guards.guard(ProductsClient.class, SERVICE_NAME, "release", DEFAULTS);
    }

    /** For CDI's proxy and for stand-ins in tests, which make no calls. */
    protected ProductsClient() {
        this.api = null;
        this.lookups = null;
        this.reservations = null;
        this.releases = null;
    }

    /**
     * Current price and stock of products.
     *
     * @param ids product ids
     * @return the products found, by id (unknown ids absent)
     */
    public CompletionStage<Map<String, ProductSnapshot>> lookup(List<String> ids) {
        return lookups.call(() -> ProductsCalls.lookup(api, ids));
    }

    /**
     * Hold stock for an order: all items or none.
     *
     * @param orderId the order (the reservation's idempotency key)
     * @param items   the order's lines
     * @return the outcome
     */
    public CompletionStage<ReservationOutcome> reserve(String orderId, List<OrderItem> items) {
        return reservations.call(() -> ProductsCalls.reserve(api, orderId, items));
    }

    /**
     * Give an order's reserved stock back (once, however often called).
     *
     * @param orderId the order
     * @return {@code true} when released now or before, {@code false} when the order never reserved
     */
    public CompletionStage<Boolean> release(String orderId) {
        return releases.call(() -> ProductsCalls.release(api, orderId));
    }
}
