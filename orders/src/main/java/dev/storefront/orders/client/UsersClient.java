package dev.storefront.orders.client;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.domain.ShippingAddress;

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
 * The users service, as a checkout needs it: one of the buyer's shipping addresses, to copy onto
 * the order. A read, so retried like the products lookup; under the same fault tolerance and
 * deadline propagation as the other clients ({@link InternalCall#client}), declared once for the
 * class. Every value can be overridden by MP Config
 * ({@code dev.storefront.orders.client.UsersClient/Timeout/value}). What the answers mean is in
 * {@link UsersCalls}: this class holds nothing but the call, so that fault tolerance wraps nothing else.
 */
@ApplicationScoped
@Asynchronous
@Timeout(value = 3, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 100, jitter = 50, maxDuration = 10, durationUnit = ChronoUnit.SECONDS,
        abortOn = {CircuitBreakerOpenException.class, BulkheadException.class, UnexpectedResponseException.class,
                DeadlineExceededException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        skipOn = {UnexpectedResponseException.class, DeadlineExceededException.class})
@Bulkhead(value = 16, waitingTaskQueue = 256)
public class UsersClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "users";

    private final UsersApi api;

    @Inject
    public UsersClient(@ConfigProperty(name = "users.url") String url,
                       @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                       @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs) {
        this.api = InternalCall.client(UsersApi.class, url, connectTimeoutMs, readTimeoutMs);
    }

    /** For CDI's proxy and for stand-ins in tests, which make no calls. */
    protected UsersClient() {
        this.api = null;
    }

    /**
     * One address of an account.
     *
     * @param userId    the account
     * @param addressId the address
     * @return the address, or empty when that account has no such address
     */
    public CompletionStage<Optional<ShippingAddress>> address(String userId, String addressId) {
        return CompletableFuture.completedFuture(UsersCalls.address(api, userId, addressId));
    }
}
