package dev.storefront.e2e.tracing;

import java.io.IOException;
import java.util.Map;

import dev.storefront.e2e.StorefrontStack;

/**
 * The e2e stack ({@link StorefrontStack}: users, products, orders, payments and the gateway as
 * separate processes from their jars, on fresh databases) with tracing on in every process,
 * exporting to an in-process {@link JaegerCollector}. A stack of its own: the shared e2e stack
 * runs with tracing off.
 */
final class TracedStorefront implements AutoCloseable {

    private final JaegerCollector collector;
    private final StorefrontStack stack;
    private final String gatewayUrl;

    private TracedStorefront(JaegerCollector collector, StorefrontStack stack, String gatewayUrl) {
        this.collector = collector;
        this.stack = stack;
        this.gatewayUrl = gatewayUrl;
    }

    /**
     * Start the collector, the services and the gateway, and wait until they are ready.
     *
     * @return the running stack
     */
    static TracedStorefront start() throws IOException, InterruptedException {
        JaegerCollector collector = JaegerCollector.start();
        StorefrontStack stack = null;
        try {
            stack = StorefrontStack.start(Map.of(
                    "TRACING_ENABLED", "true",
                    "TRACING_HOST", "127.0.0.1",
                    "TRACING_PORT", String.valueOf(collector.port()),
                    // services: export within a fraction of a second instead of the 5 s default
                    // batch delay (the gateway has no such setting and keeps 5 s)
                    "TRACING_SCHEDULE_DELAY", "PT0.2S"));
            return new TracedStorefront(collector, stack, stack.gatewayUrl());
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (stack != null) {
                stack.close();
            }
            collector.close();
            throw e;
        }
    }

    /** @return the collector every process exports to */
    JaegerCollector collector() {
        return collector;
    }

    /** @return base URL of a service */
    String url(String service) {
        return stack.url(service);
    }

    /** @return base URL of the gateway */
    String gatewayUrl() {
        return gatewayUrl;
    }

    @Override
    public void close() throws InterruptedException {
        stack.close();
        collector.close();
    }
}
