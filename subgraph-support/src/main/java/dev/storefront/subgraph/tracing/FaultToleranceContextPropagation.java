package dev.storefront.subgraph.tracing;

import java.util.concurrent.Executors;

import io.helidon.common.context.Contexts;
import io.helidon.faulttolerance.FaultTolerance;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Makes Fault Tolerance's threads carry the request's Helidon context (and with it the current
 * span): Helidon 4.1.2's default FT executor is a bare virtual-thread executor, so a call made
 * under {@code @Timeout} or {@code @Asynchronous} ran without the request's context and its
 * REST client span started a new trace instead of joining the request's.
 */
public final class FaultToleranceContextPropagation implements Extension {

    void replaceExecutor(@Observes BeforeBeanDiscovery event) {
        FaultTolerance.executor(() -> Contexts.wrap(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("helidon-ft-", 0).factory())));
    }
}
