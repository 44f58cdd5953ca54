package dev.storefront.orders.client;

import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.domain.OrderItem;
import dev.storefront.subgraph.types.Money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The products service, as the checkout saga needs it, under fault tolerance. Every call is
 * idempotent by the contract — a lookup only reads, a reservation is keyed by the order id and
 * never reserves twice, a release restocks once — so a call whose answer was lost is safe to send
 * again: hence {@code @Retry} on all of them. Calls are {@code @Asynchronous} so that the bulkhead
 * queues a burst of checkouts instead of rejecting it (MP FT queues only asynchronous calls).
 * Every annotation value can be overridden by MP Config ({@code <class>/<method>/<Annotation>/<field>}).
 */
@ApplicationScoped
public class ProductsClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "products";

    private final ProductsApi api;

    @Inject
    public ProductsClient(@ConfigProperty(name = "products.url") String url,
                          @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                          @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs) {
        this.api = JsonResponse.client(ProductsApi.class, url, connectTimeoutMs, readTimeoutMs);
    }

    /**
     * Current price and stock of products.
     *
     * @param ids product ids
     * @return the products found, by id (unknown ids absent)
     */
    @Asynchronous
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 10, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<Map<String, ProductSnapshot>> lookup(List<String> ids) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        ids.forEach(array::add);
        String body = Json.createObjectBuilder().add("ids", array).build().toString();
        JsonResponse response = JsonResponse.call(SERVICE_NAME, "product lookup", () -> api.lookup(body), 0);
        if (response.status() != 200 || !(response.body() instanceof jakarta.json.JsonArray products)) {
            throw response.unexpected();
        }
        Map<String, ProductSnapshot> found = new LinkedHashMap<>();
        for (JsonValue value : products) {
            try {
                JsonObject product = value.asJsonObject();
                JsonObject price = product.getJsonObject("price");
                found.put(product.getString("id"), new ProductSnapshot(product.getString("id"), product.getString("name", ""),
                        new Money(price.getInt("amountMinor"), price.getString("currency")), product.getInt("stock", 0)));
            } catch (RuntimeException e) {
                throw response.unexpected();
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    /**
     * Hold stock for an order: all items or none.
     *
     * @param orderId the order (the reservation's idempotency key)
     * @param items   the order's lines
     * @return the outcome
     */
    @Asynchronous
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 15, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<ReservationOutcome> reserve(String orderId, List<OrderItem> items) {
        JsonArrayBuilder lines = Json.createArrayBuilder();
        items.forEach(item -> lines.add(Json.createObjectBuilder()
                .add("productId", item.productId())
                .add("quantity", item.quantity())));
        String body = Json.createObjectBuilder().add("items", lines).build().toString();
        JsonResponse response = JsonResponse.call(SERVICE_NAME, "reservation of " + orderId, () -> api.reserve(orderId, body), 0);
        ReservationOutcome outcome = switch (response.status()) {
            case 200 -> new ReservationOutcome.Reserved();
            case 409 -> "OUT_OF_STOCK".equals(response.code())
                    ? new ReservationOutcome.OutOfStock(response.object().getString("productId", ""), response.message())
                    : new ReservationOutcome.Refused(response.code(), response.message());
            default -> throw response.unexpected();
        };
        return CompletableFuture.completedFuture(outcome);
    }

    /**
     * Give an order's reserved stock back (once, however often called).
     *
     * @param orderId the order
     * @return {@code true} when released now or before, {@code false} when the order never reserved
     */
    @Asynchronous
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 15, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<Boolean> release(String orderId) {
        JsonResponse response = JsonResponse.call(SERVICE_NAME, "release of " + orderId, () -> api.release(orderId), 0);
        boolean released = switch (response.status()) {
            case 200 -> true;
            case 404 -> false;
            default -> throw response.unexpected();
        };
        return CompletableFuture.completedFuture(released);
    }
}
