package dev.storefront.subgraph.deadline;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import org.eclipse.microprofile.config.Config;

import static jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE;

/**
 * Puts every request's {@link Deadline} into its Helidon context: the caller's
 * {@value Deadline#HEADER} (never more than {@code deadline.max-ms}), or {@code deadline.default-ms}
 * when the caller sent none (a direct call, not through the gateway). The security filter
 * ({@code IncomingRequestFilter}) runs the request inside that same context.
 */
@ApplicationScoped
class DeadlineFilter {

    private static final HeaderName HEADER = HeaderNames.create(Deadline.HEADER);

    void register(@Observes @Priority(LIBRARY_BEFORE + 1) @Initialized(ApplicationScoped.class) Object event,
                  BeanManager beanManager, Config config) {
        long defaultMs = config.getOptionalValue("deadline.default-ms", Long.class).orElse(30_000L);
        long maxMs = config.getOptionalValue("deadline.max-ms", Long.class).orElse(60_000L);
        beanManager.getExtension(ServerCdiExtension.class).serverRoutingBuilder()
                .addFilter((chain, req, res) -> filter(chain, req, res, defaultMs, maxMs));
    }

    private static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res, long defaultMs, long maxMs) {
        req.context().register(Deadline.fromHeader(req.headers().first(HEADER).orElse(null), defaultMs, maxMs));
        chain.proceed();
    }
}
