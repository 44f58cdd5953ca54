package dev.storefront.orders.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.domain.ShippingAddress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The users service, as a checkout needs it: one of the buyer's shipping addresses, to copy onto
 * the order. A read, so retried like the products lookup; under the same fault tolerance and
 * deadline propagation as the other clients ({@link JsonResponse#client}). Every annotation value
 * can be overridden by MP Config ({@code <class>/<method>/<Annotation>/<field>}).
 */
@ApplicationScoped
public class UsersClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "users";

    private final UsersApi api;

    @Inject
    public UsersClient(@ConfigProperty(name = "users.url") String url,
                       @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                       @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs) {
        this.api = JsonResponse.client(UsersApi.class, url, connectTimeoutMs, readTimeoutMs);
    }

    /**
     * One address of an account.
     *
     * @param userId    the account
     * @param addressId the address
     * @return the address, or empty when that account has no such address
     */
    @Asynchronous
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 10, durationUnit = ChronoUnit.SECONDS,
            abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                    DeadlineExceededException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    public CompletionStage<Optional<ShippingAddress>> address(String userId, String addressId) {
        JsonResponse response = JsonResponse.call(SERVICE_NAME, "address " + addressId + " of " + userId,
                () -> api.address(userId, addressId), 0);
        Optional<ShippingAddress> address = switch (response.status()) {
            case 200 -> Optional.of(read(response));
            // only the contract's answer means "no such address": a 404 without it (a route users
            // does not have) is a misconfiguration, not a missing address
            case 404 -> {
                if (!"NOT_FOUND".equals(response.code())) {
                    throw response.unexpected();
                }
                yield Optional.empty();
            }
            default -> throw response.unexpected();
        };
        return CompletableFuture.completedFuture(address);
    }

    private static ShippingAddress read(JsonResponse response) {
        JsonObject a = response.object();
        try {
            return new ShippingAddress(a.getString("recipient"), a.getString("line1"), optional(a, "line2"),
                    a.getString("city"), a.getString("postalCode"), a.getString("country"), optional(a, "phone"));
        } catch (RuntimeException e) {
            throw response.unexpected();
        }
    }

    private static String optional(JsonObject object, String field) {
        return object.get(field) instanceof JsonString s ? s.getString() : null;
    }
}
