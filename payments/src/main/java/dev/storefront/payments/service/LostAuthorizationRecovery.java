package dev.storefront.payments.service;

import java.time.Duration;

import dev.storefront.subgraph.jobs.RecurringJob;

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

    private static final int BATCH = 100;

    private final PaymentService payments;
    private final long intervalMillis;
    private RecurringJob job;

    @Inject
    public LostAuthorizationRecovery(PaymentService payments,
                                     @ConfigProperty(name = "payments.authorization.recovery-interval-ms", defaultValue = "5000")
                                     long intervalMillis) {
        this.payments = payments;
        this.intervalMillis = intervalMillis;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        job = RecurringJob.start("lost-authorization-recovery", Duration.ofMillis(intervalMillis), () -> {
            int resolved;
            do {
                resolved = payments.resolveLostAuthorizations(BATCH).size();
            } while (resolved == BATCH);
        });
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.close();
        }
    }
}
