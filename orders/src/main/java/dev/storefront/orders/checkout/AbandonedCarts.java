package dev.storefront.orders.checkout;

import java.lang.System.Logger.Level;
import java.time.Duration;

import dev.storefront.orders.persistence.CartRepository;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.jobs.RecurringJob;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes anonymous carts nobody changed for {@code orders.cart.anonymous-ttl-days} (default 30),
 * every {@code orders.cart.cleanup-interval-seconds} (default an hour): every visitor who puts
 * something in a cart and never comes back leaves one, and without this the table only grows.
 * An account's cart is never deleted (it is the shopper's, on every device). The same job deletes
 * the new-cart counters whose window is over ({@link NewCartThrottle}).
 */
@ApplicationScoped
public class AbandonedCarts {

    private static final System.Logger LOGGER = System.getLogger(AbandonedCarts.class.getName());
    private static final int BATCH = 500;

    private final CartRepository carts;
    private final NewCartThrottle newCarts;
    private final Duration timeToLive;
    private final Duration interval;
    private RecurringJob job;

    @Inject
    public AbandonedCarts(CartRepository carts, NewCartThrottle newCarts,
                          @ConfigProperty(name = "orders.cart.anonymous-ttl-days", defaultValue = "30") long timeToLiveDays,
                          @ConfigProperty(name = "orders.cart.cleanup-interval-seconds", defaultValue = "3600") long intervalSeconds) {
        this.carts = carts;
        this.newCarts = newCarts;
        this.timeToLive = Duration.ofDays(timeToLiveDays);
        this.interval = Duration.ofSeconds(intervalSeconds);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        job = RecurringJob.start("abandoned-cart-cleanup", interval, () -> {
            int removed = removeIdle();
            if (removed > 0) {
                LOGGER.log(Level.INFO, "Removed " + removed + " abandoned anonymous cart(s)");
            }
            newCarts.deleteEnded();
        });
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.close();
        }
    }

    /**
     * Delete every anonymous cart idle for longer than the time to live, a batch at a time.
     *
     * @return how many were deleted
     */
    public int removeIdle() {
        var cutoff = UtcTimes.now().minus(timeToLive);
        int removed = 0;
        int batch;
        do {
            batch = carts.deleteAnonymousIdleSince(cutoff, BATCH);
            removed += batch;
        } while (batch == BATCH);
        return removed;
    }
}
