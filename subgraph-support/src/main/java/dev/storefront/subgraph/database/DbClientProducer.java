package dev.storefront.subgraph.database;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.helidon.config.ConfigSources;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import com.zaxxer.hikari.HikariConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Produces the service's {@link DbClient} from the {@code db} settings (Helidon MP has no
 * producer of its own): JDBC with Hikari pools, times sent with their milliseconds
 * ({@link MillisecondTimeParameters}), every statement counted and, when tracing is on, traced.
 * The configured {@code db.connection.maximumPoolSize} (at least 2) is split between a pool for
 * statements outside a transaction and one for transactions ({@link TwoPoolDbClient}); borrowers
 * beyond a pool's size queue in front of it ({@link GatedConnectionPool}).
 *
 * <p>The settings are every {@code db.*} key of every MP config source, each resolved by MP Config
 * (so the highest-ordinal source wins, environment variables included). A tree view of MP Config
 * ({@code MpConfig.toHelidonConfig(config).get("db")}) would miss keys that only an environment
 * variable sets: that source names them {@code DB_CONNECTION_PASSWORD}, not
 * {@code db.connection.password}, so the pool would connect without the password Flyway used. An
 * environment variable is mapped back to its key by MP's own rule (non-alphanumerics to
 * {@code _}, upper case) against the keys other sources name, Helidon's ({@code db.source},
 * {@code db.connection.url|username|password}) and Hikari's pool settings
 * ({@code db.connection.maximumPoolSize}...); one that matches none is reported and left out.
 */
@ApplicationScoped
class DbClientProducer {

    private static final System.Logger LOGGER = System.getLogger(DbClientProducer.class.getName());
    private static final String PREFIX = "db.";
    private static final String CONNECTION = "db.connection.";
    private static final String MAXIMUM_POOL_SIZE = "db.connection.maximumPoolSize";
    private static final String CONNECTION_TIMEOUT = "db.connection.connectionTimeout";
    private static final String MINIMUM_IDLE = "db.connection.minimumIdle";
    private static final String AUTO_COMMIT = "db.connection.autoCommit";
    private static final String POOL_NAME = "db.connection.poolName";
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("(?i)db_[a-z0-9_]+");

    private final MetricRegistry metrics;

    @Inject
    DbClientProducer(MetricRegistry metrics) {
        this.metrics = metrics;
    }

    @Produces
    @ApplicationScoped
    DbClient dbClient() {
        Config config = ConfigProvider.getConfig();
        boolean tracing = config.getOptionalValue("tracing.enabled", Boolean.class).orElse(true);
        Map<String, String> settings = settings(config);
        // the service's connections are split between the two pools, so it opens no more than configured
        int maximum = Math.max(2, Integer.parseInt(settings.getOrDefault(MAXIMUM_POOL_SIZE, "10")));
        int forTransactions = maximum / 2;
        Map<String, String> statements = new LinkedHashMap<>(settings);
        statements.put(MAXIMUM_POOL_SIZE, String.valueOf(maximum - forTransactions));
        statements.put(AUTO_COMMIT, "true");
        Map<String, String> transactions = new LinkedHashMap<>(settings);
        transactions.put(MAXIMUM_POOL_SIZE, String.valueOf(forTransactions));
        transactions.put(AUTO_COMMIT, "false");
        if (settings.containsKey(POOL_NAME)) {
            // pool names tell the two apart in logs and metrics
            transactions.put(POOL_NAME, settings.get(POOL_NAME) + "-transactions");
        }
        return new TwoPoolDbClient(build(statements, tracing), build(transactions, tracing));
    }

    private DbClient build(Map<String, String> settings, boolean tracing) {
        Map<String, String> pool = new LinkedHashMap<>(settings);
        pool.computeIfPresent(MINIMUM_IDLE, (key, value) ->
                String.valueOf(Math.min(Integer.parseInt(value), Integer.parseInt(pool.get(MAXIMUM_POOL_SIZE)))));
        // the pool is made here so borrowers can queue in front of it; the client gets the rest of the settings
        Map<String, String> client = new LinkedHashMap<>(pool);
        client.keySet().removeIf(key -> key.startsWith(CONNECTION));
        JdbcConnectionPool connections = JdbcConnectionPool.create(
                io.helidon.config.Config.just(ConfigSources.create(pool)).get("db.connection").detach());
        JdbcClientBuilder builder = JdbcClientBuilder.create()
                .config(io.helidon.config.Config.just(ConfigSources.create(client)).get("db"))
                .connectionPool(new GatedConnectionPool(connections, Integer.parseInt(pool.get(MAXIMUM_POOL_SIZE)),
                        connectionTimeout(pool)))
                .addService(new MillisecondTimeParameters())
                .addService(new StatementMetrics(metrics));
        if (tracing) {
            builder.addService(new StatementTracing());
        }
        return builder.build();
    }

    /** @return the pool's {@code connectionTimeout} in ms: the configured one, else Hikari's own default */
    private static long connectionTimeout(Map<String, String> pool) {
        String configured = pool.get(CONNECTION_TIMEOUT);
        return configured != null ? Long.parseLong(configured) : new HikariConfig().getConnectionTimeout();
    }

    void close(@Disposes DbClient dbClient) {
        dbClient.close();
    }

    /**
     * Every {@code db.*} setting, whichever MP config source gives it.
     *
     * @param config MP config
     * @return full keys ({@code db.connection.password}) to their resolved values
     */
    static Map<String, String> settings(Config config) {
        Set<String> named = new TreeSet<>();
        Set<String> environmentNames = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                named.add(name);
            } else if (ENVIRONMENT_NAME.matcher(name).matches()) {
                environmentNames.add(name);
            }
        }
        Set<String> candidates = new TreeSet<>(named);
        candidates.addAll(knownKeys());
        Map<String, String> byEnvironmentName = new LinkedHashMap<>();
        candidates.forEach(key -> byEnvironmentName.putIfAbsent(environmentName(key), key));
        Set<String> keys = new TreeSet<>(named);
        for (String name : environmentNames) {
            String key = byEnvironmentName.get(name.toUpperCase(Locale.ROOT));
            if (key != null) {
                keys.add(key);
            } else {
                LOGGER.log(System.Logger.Level.WARNING, "Environment variable " + name + " names no known database "
                        + "setting and is ignored; give it by its key (e.g. a system property -Ddb.connection....)");
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : keys) {
            Optional<String> value = config.getOptionalValue(key, String.class);
            value.ifPresent(v -> settings.put(key, v));
        }
        return settings;
    }

    /** @return the environment variable name MP Config maps a key to: {@code DB_CONNECTION_PASSWORD} */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** @return Helidon's JDBC settings and Hikari's pool settings (its setters), as {@code db.*} keys */
    private static Set<String> knownKeys() {
        Set<String> known = new TreeSet<>(Set.of("db.source", "db.connection.url", "db.connection.username",
                "db.connection.password"));
        for (Method method : HikariConfig.class.getMethods()) {
            String name = method.getName();
            if (name.startsWith("set") && name.length() > 3 && method.getParameterCount() == 1
                    && Modifier.isPublic(method.getModifiers()) && isSimple(method.getParameterTypes()[0])) {
                known.add("db.connection." + Character.toLowerCase(name.charAt(3)) + name.substring(4));
            }
        }
        return known;
    }

    private static boolean isSimple(Class<?> type) {
        return type.isPrimitive() || type == String.class;
    }
}
