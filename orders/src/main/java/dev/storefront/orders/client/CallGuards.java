package dev.storefront.orders.client;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** Builds each client method's {@link CallGuard} from its defaults, MP Config's overrides and the base metric registry. */
@Dependent
public class CallGuards {

    private final Config config;
    private final MetricRegistry registry;

    @Inject
    CallGuards(Config config, @RegistryScope(scope = MetricRegistry.BASE_SCOPE) MetricRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    CallGuard guard(Class<?> client, String service, String method, CallGuard.Settings defaults) {
        return new CallGuard(client.getName() + "." + method, defaults.from(config, service, method), registry);
    }
}
