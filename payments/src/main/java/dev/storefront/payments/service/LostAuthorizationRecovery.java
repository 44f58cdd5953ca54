package dev.storefront.payments.service;

import java.lang.System.Logger.Level;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Resolves authorizations whose answer was lost, at start-up and then every
 * {@code payments.authorization.recovery-interval-ms}: see
 * {@link PaymentService#resolveLostAuthorizations}. Without it such a payment would stay PENDING
 * until someone asked again with its key, and orders' recovery of a cancelled order only lists an
 * order's payments and waits for them: money the provider did authorize would stay held.
 * Safe on several replicas at once (conditional updates, provider deduplicates by key).
 */
@ApplicationScoped
public class LostAuthorizationRecovery {

    private static final System.Logger LOGGER = System.getLogger(LostAuthorizationRecovery.class.getName());
    private static final int BATCH = 100;

    private final PaymentService payments;
    private final long intervalMillis;
    private ScheduledExecutorService scheduler;

    @Inject
    public LostAuthorizationRecovery(PaymentService payments,
                                     @ConfigProperty(name = "payments.authorization.recovery-interval-ms", defaultValue = "5000")
                                     long intervalMillis) {
        this.payments = payments;
        this.intervalMillis = intervalMillis;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lost-authorization-recovery").factory());
        scheduler.scheduleWithFixedDelay(this::runSafely, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            int resolved;
            do {
                resolved = payments.resolveLostAuthorizations(BATCH).size();
            } while (resolved == BATCH);
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next run tries again
            LOGGER.log(Level.WARNING, "Recovery of lost authorizations failed: " + e.getMessage());
        }
    }
}
