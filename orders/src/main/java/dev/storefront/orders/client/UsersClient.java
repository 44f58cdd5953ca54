package dev.storefront.orders.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import dev.storefront.orders.domain.ShippingAddress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The users service, as a checkout needs it: one of the buyer's shipping addresses, to copy onto
 * the order. A read, so retried like the products lookup; under the same kind of fault tolerance
 * ({@link CallGuard}) and deadline propagation as the other clients ({@link InternalHttp}).
 * The settings can be overridden by MP Config ({@code clients.users.timeout-ms}, ...: see
 * {@link CallGuard.Settings#from}). What the answers mean is in {@link UsersCalls}.
 */
@ApplicationScoped
public class UsersClient {

    /** Name used in messages. */
    public static final String SERVICE_NAME = "users";

    /** Timeout 3 s per attempt, 2 retries 100 ms (±50) apart within 10 s, breaker at 50 % of 4, open 5 s, 16 at once + 256 queued. */
    static final CallGuard.Settings DEFAULTS = new CallGuard.Settings(Duration.ofSeconds(3), 2, Duration.ofMillis(100),
            Duration.ofMillis(50), Duration.ofSeconds(10), 16, 256, 4, 50, Duration.ofSeconds(5));

    private final UsersApi api;
    private final CallGuard addresses;

    @Inject
    public UsersClient(@ConfigProperty(name = "users.url") String url,
                       @ConfigProperty(name = "clients.connect-timeout-ms", defaultValue = "1000") long connectTimeoutMs,
                       @ConfigProperty(name = "clients.read-timeout-ms", defaultValue = "10000") long readTimeoutMs,
                       CallGuards guards) {
        this.api = new UsersApi(new InternalHttp(SERVICE_NAME, url + "/internal", connectTimeoutMs, readTimeoutMs));
        this.addresses = guards.guard(UsersClient.class, SERVICE_NAME, "address", DEFAULTS);
    }

    /** For CDI's proxy and for stand-ins in tests, which make no calls. */
    protected UsersClient() {
        this.api = null;
        this.addresses = null;
    }

    /**
     * One address of an account.
     *
     * @param userId    the account
     * @param addressId the address
     * @return the address, or empty when that account has no such address
     */
    public CompletionStage<Optional<ShippingAddress>> address(String userId, String addressId) {
        return addresses.call(() -> UsersCalls.address(api, userId, addressId));
    }
}
