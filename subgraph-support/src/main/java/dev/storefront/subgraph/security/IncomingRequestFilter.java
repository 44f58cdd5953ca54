package dev.storefront.subgraph.security;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.helidon.common.context.Contexts;
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

import static jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE;

/**
 * Registers a web server filter that runs every request inside its Helidon context with an
 * {@link IncomingRequest} in it. It only copies two headers and the peer address (no parsing,
 * no verification), so it costs nothing measurable for requests that never ask who is calling.
 */
@ApplicationScoped
class IncomingRequestFilter {

    void register(@Observes @Priority(LIBRARY_BEFORE) @Initialized(ApplicationScoped.class) Object event,
                  BeanManager beanManager) {
        beanManager.getExtension(ServerCdiExtension.class).serverRoutingBuilder()
                .addFilter(IncomingRequestFilter::filter);
    }

    private static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(new IncomingRequest(
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
                hostOf(req.remotePeer().address()),
                req.headers().first(HeaderNames.X_FORWARDED_FOR).orElse(null)));
        // GraphQL runs its data fetchers on this thread, so they see this context
        Contexts.runInContext(req.context(), chain::proceed);
    }

    private static String hostOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
