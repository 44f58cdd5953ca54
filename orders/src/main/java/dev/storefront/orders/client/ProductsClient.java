package dev.storefront.orders.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.domain.OrderItem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The products service, as the checkout saga needs it, under fault tolerance declared once for
 * every call (each method keeps its own circuit breaker and bulkhead). Every call is idempotent by
 * the contract — a lookup only reads, a reservation is keyed by the order id and never reserves
 * twice, a release restocks once — so a call whose answer was lost is safe to send again: hence
 * {@code @Retry}. Calls are {@code @Asynchronous} so that the bulkhead queues a burst of checkouts
 * instead of rejecting it (MP FT queues only asynchronous calls). Every value can be overridden by
 * MP Config ({@code dev.storefront.orders.client.ProductsClient/Retry/maxRetries}, or per method
 * {@code .../lookup/Timeout/value}). What the answers mean is in {@link ProductsCalls}: this class
 * holds nothing but the calls, so that fault tolerance wraps nothing else.
 */
@ApplicationScoped
@Asynchronous
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 15, durationUnit = ChronoUnit.SECONDS,
        abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                DeadlineExceededException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
@Bulkhead(value = 16, waitingTaskQueue = 256)
public class ProductsClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "products";

    private final ProductsApi api;

    @Inject
    public ProductsClient(@ConfigProperty(name = "products.url") String url,
                          @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                          @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs) {
        this.api = InternalCall.client(ProductsApi.class, url, connectTimeoutMs, readTimeoutMs);
    }

    /** For CDI's proxy and for stand-ins in tests, which make no calls. */
    protected ProductsClient() {
        this.api = null;
    }

    /**
     * Current price and stock of products.
     *
     * @param ids product ids
     * @return the products found, by id (unknown ids absent)
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    public CompletionStage<Map<String, ProductSnapshot>> lookup(List<String> ids) {
        return CompletableFuture.completedFuture(ProductsCalls.lookup(api, ids));
    }

    /**
     * Hold stock for an order: all items or none.
     *
     * @param orderId the order (the reservation's idempotency key)
     * @param items   the order's lines
     * @return the outcome
     */
    public CompletionStage<ReservationOutcome> reserve(String orderId, List<OrderItem> items) {
        return CompletableFuture.completedFuture(ProductsCalls.reserve(api, orderId, items));
    }

    /**
     * Give an order's reserved stock back (once, however often called).
     *
     * @param orderId the order
     * @return {@code true} when released now or before, {@code false} when the order never reserved
     */
    public CompletionStage<Boolean> release(String orderId) {
        return CompletableFuture.completedFuture(ProductsCalls.release(api, orderId));
    }
}
