package dev.storefront.subgraph.federation;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.types.InvalidArgumentException;

import io.helidon.config.Config;
import io.helidon.config.mp.MpConfig;
import io.helidon.graphql.server.DocumentCachingInvocationHandler;
import io.helidon.graphql.server.InvocationHandler;
import io.helidon.microprofile.graphql.server.GraphQlCdiExtension;
import io.helidon.microprofile.graphql.server.MicroProfileGraphQlSchema;
import io.helidon.microprofile.server.ServerCdiExtension;

import graphql.schema.GraphQLSchema;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;

import static jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE;

/**
 * Serves the federated subgraph schema at {@code /graphql}. Helidon MP GraphQL offers no hook
 * for federation, so this registers its own GraphQL HTTP service one priority step before
 * Helidon's (at {@code LIBRARY_BEFORE + 9}); routes registered first win, and Helidon's
 * unfederated service stays unreachable behind it.
 */
public class FederatedGraphQlExtension implements Extension {

    /** Observer priority; must stay below Helidon's {@code registerWithWebServer}. */
    static final int PRIORITY = LIBRARY_BEFORE + 8;

    /** Distinct query texts kept parsed and validated; a gateway sends a few dozen per subgraph. */
    static final int PARSED_QUERY_CACHE_SIZE = 1000;

    private volatile GraphQLSchema schema;
    private final ParsedQueryCache parsedQueries = new ParsedQueryCache(PARSED_QUERY_CACHE_SIZE);

    void registerFederatedGraphQl(@Observes @Priority(PRIORITY) @Initialized(ApplicationScoped.class) Object event,
                                  BeanManager beanManager) {
        org.eclipse.microprofile.config.Config mpConfig = ConfigProvider.getConfig();
        Config config = MpConfig.toHelidonConfig(mpConfig);

        MicroProfileGraphQlSchema generated =
                MicroProfileGraphQlSchema.generate(beanManager.getExtension(GraphQlCdiExtension.class));
        List<EntityResolver<?>> resolvers = CDI.current().select(new TypeLiteral<EntityResolver<?>>() { })
                .stream().toList();
        schema = FederatedSchemaFactory.build(generated.sdl(), generated.wiring(), resolvers,
                typeName -> isShareable(generated.javaClassOf(typeName)), enumDefaults(generated.apis()));

        InvocationHandler.Builder handler = InvocationHandler.builder()
                .config(config.get("graphql"))
                .schema(schema);
        mpConfig.getOptionalValue("mp.graphql.defaultErrorMessage", String.class)
                .ifPresent(handler::defaultErrorMessage);
        mpConfig.getOptionalValue("mp.graphql.exceptionsWhiteList", String[].class)
                .ifPresent(handler::exceptionWhitelist);
        mpConfig.getOptionalValue("mp.graphql.exceptionsBlackList", String[].class)
                .ifPresent(handler::exceptionBlacklist);
        handler.addWhitelistedException(InvalidArgumentException.class.getName());

        beanManager.getExtension(ServerCdiExtension.class).serverRoutingBuilder()
                .register(new SubgraphHttpService(new ErrorReportingHandler(
                        DocumentCachingInvocationHandler.build(handler, parsedQueries, ErrorReportingHandler.CAPTURE))));
    }

    /** @return the federated schema once the application started (for tests and diagnostics) */
    public GraphQLSchema schema() {
        return schema;
    }

    /** @return requests that found their query already parsed and validated (for tests and diagnostics) */
    public long parsedQueryHits() {
        return parsedQueries.hits();
    }

    /** @return requests whose query was parsed and validated */
    public long parsedQueryMisses() {
        return parsedQueries.misses();
    }

    /**
     * The {@link EnumDefault}s of the API methods' arguments.
     *
     * @param apis the {@code @GraphQLApi} classes
     * @return default enum value name by {@code Query.field.argument} / {@code Mutation.field.argument}
     */
    static Map<String, String> enumDefaults(Collection<Class<?>> apis) {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (Class<?> api : apis) {
            for (Method method : api.getMethods()) {
                String field;
                String root;
                if (method.isAnnotationPresent(Query.class)) {
                    root = "Query";
                    field = method.getAnnotation(Query.class).value();
                } else if (method.isAnnotationPresent(Mutation.class)) {
                    root = "Mutation";
                    field = method.getAnnotation(Mutation.class).value();
                } else {
                    continue;
                }
                field = field.isEmpty() ? method.getName() : field;
                for (Parameter parameter : method.getParameters()) {
                    EnumDefault enumDefault = parameter.getAnnotation(EnumDefault.class);
                    if (enumDefault != null) {
                        Name name = parameter.getAnnotation(Name.class);
                        defaults.put(root + "." + field + "." + (name == null ? parameter.getName() : name.value()),
                                enumDefault.value());
                    }
                }
            }
        }
        return defaults;
    }

    private static boolean isShareable(String className) {
        if (className == null) {
            return false;
        }
        try {
            return Class.forName(className, false, Thread.currentThread().getContextClassLoader())
                    .isAnnotationPresent(Shareable.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
