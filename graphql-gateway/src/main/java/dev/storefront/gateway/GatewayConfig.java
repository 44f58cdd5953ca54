package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.security.BearerTokenVerifier;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;

import java.io.IOException;
import java.io.Reader;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gateway configuration: an optional properties file ({@code GATEWAY_CONFIG}, or
 * {@code gateway.properties} in the working directory), overridden by environment variables.
 * File keys are the environment names in lower case with dots: {@code GATEWAY_PORT} is
 * {@code gateway.port}, {@code SUBGRAPH_USERS_URL} is {@code subgraph.users.url}.
 *
 * @param limits         operation limits (depth, aliases, cost, introspection)
 * @param maxBatchSize   operations allowed in one batched POST (a JSON array); 0 refuses batches
 * @param graphiql       whether {@code /graphiql} is served
 * @param csrfPrevention whether simple (non-preflighted) browser requests are refused
 * @param auth           bearer token verification, or null when switched off ({@code GATEWAY_JWKS_URL=none})
 * @param tracing        tracing and its collector
 * @param resilience     retries and circuit breakers of subgraph fetches
 * @param persistedQueries       automatic persisted queries (Apollo's protocol) on
 * @param persistedQueryCapacity their storage, in units of one per started 4 KiB of query text
 * @param publicGetMaxAge        max-age of successful anonymous GET responses; 0: no-store
 * @param storefrontDir          the built web shop served at {@code /shop/}, or null for no such route
 */
public record GatewayConfig(String host, int port, String supergraph, Map<String, String> devSubgraphs,
                            Map<String, String> subgraphUrls, Duration subgraphTimeout,
                            Map<String, Duration> subgraphTimeouts, long maxBodyBytes, List<String> corsOrigins,
                            Set<String> overrideLabels, int planCacheSize, String nodeModules,
                            OperationLimits limits, int maxBatchSize, boolean graphiql, boolean csrfPrevention,
                            BearerTokenVerifier.Settings auth, GatewayTracing.Settings tracing,
                            SubgraphClient.Resilience resilience, boolean persistedQueries, int persistedQueryCapacity,
                            int publicGetMaxAge, Path storefrontDir) {
    public static final String DEFAULT_JWKS_URL = "http://localhost:8081/.well-known/jwks.json";
    /** The issuer and audience the users service writes unless configured otherwise (as every subgraph expects). */
    public static final String DEFAULT_JWT_ISSUER = "storefront-users";
    public static final String DEFAULT_JWT_AUDIENCE = "storefront";

    public static GatewayConfig load(Map<String, String> environment) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        String file = environment.get("GATEWAY_CONFIG");
        Path path = Path.of(file != null ? file : "gateway.properties");
        if (Files.exists(path)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(path)) {
                properties.load(reader);
            }
            properties.forEach((k, v) -> values.put(k.toString().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'),
                    v.toString()));
        } else if (file != null) {
            throw new IOException("Config file " + file + " (GATEWAY_CONFIG) does not exist");
        }
        values.putAll(environment);

        Map<String, String> urls = new LinkedHashMap<>();
        Map<String, Duration> timeouts = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("SUBGRAPH_") && key.endsWith("_URL")) {
                urls.put(key.substring(9, key.length() - 4).toLowerCase(Locale.ROOT), value);
            } else if (key.startsWith("SUBGRAPH_") && key.endsWith("_TIMEOUT_MS")) {
                timeouts.put(key.substring(9, key.length() - 11).toLowerCase(Locale.ROOT), Duration.ofMillis(Long.parseLong(value)));
            }
        });
        Map<String, String> dev = new LinkedHashMap<>();
        String devList = values.get("GATEWAY_SUBGRAPHS");
        if (devList != null && !devList.isBlank()) {
            for (String entry : devList.split(",")) {
                String[] parts = entry.trim().split("=", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("GATEWAY_SUBGRAPHS entries are name=url, got: " + entry);
                }
                dev.put(parts[0].trim(), parts[1].trim());
            }
        }
        return new GatewayConfig(
                values.getOrDefault("GATEWAY_HOST", "0.0.0.0"),
                Integer.parseInt(values.getOrDefault("GATEWAY_PORT", "4000")),
                values.get("GATEWAY_SUPERGRAPH"),
                dev, urls,
                Duration.ofMillis(Long.parseLong(values.getOrDefault("GATEWAY_SUBGRAPH_TIMEOUT_MS", "10000"))),
                timeouts,
                Long.parseLong(values.getOrDefault("GATEWAY_MAX_BODY_BYTES", String.valueOf(1024 * 1024))),
                list(values.get("GATEWAY_CORS_ORIGINS")),
                Set.copyOf(list(values.get("GATEWAY_OVERRIDE_LABELS"))),
                Integer.parseInt(values.getOrDefault("GATEWAY_PLAN_CACHE_SIZE", "1000")),
                values.get("GATEWAY_NODE_MODULES"),
                new OperationLimits(
                        integer(values, "GATEWAY_MAX_DEPTH", 15),
                        integer(values, "GATEWAY_MAX_ALIASES", 30),
                        Long.parseLong(values.getOrDefault("GATEWAY_MAX_COST", String.valueOf(OperationLimits.DEFAULT_MAX_COST))),
                        integer(values, "GATEWAY_DEFAULT_LIST_SIZE", 10),
                        bool(values, "GATEWAY_INTROSPECTION", true),
                        positive(values, "GATEWAY_MAX_FIELDS", OperationLimits.DEFAULT_MAX_FIELDS)),
                integer(values, "GATEWAY_MAX_BATCH_SIZE", 10),
                bool(values, "GATEWAY_GRAPHIQL", true),
                bool(values, "GATEWAY_CSRF_PREVENTION", true),
                auth(values),
                new GatewayTracing.Settings(
                        bool(values, "TRACING_ENABLED", false),
                        values.getOrDefault("TRACING_SERVICE", "graphql-gateway"),
                        values.getOrDefault("TRACING_HOST", "localhost"),
                        integer(values, "TRACING_PORT", 14250),
                        Double.parseDouble(values.getOrDefault("TRACING_SAMPLE_RATIO", "1.0"))),
                new SubgraphClient.Resilience(
                        integer(values, "GATEWAY_SUBGRAPH_RETRIES", 1),
                        Duration.ofMillis(Long.parseLong(values.getOrDefault("GATEWAY_SUBGRAPH_RETRY_BACKOFF_MS", "50"))),
                        integer(values, "GATEWAY_CIRCUIT_FAILURE_THRESHOLD", 5),
                        Duration.ofMillis(Long.parseLong(values.getOrDefault("GATEWAY_CIRCUIT_OPEN_MS", "10000"))),
                        bool(values, "GATEWAY_DEDUPLICATE_QUERIES", true),
                        Duration.ofMillis(positive(values, "GATEWAY_REQUEST_TIMEOUT_MS",
                                (int) SubgraphClient.Resilience.DEFAULT_REQUEST_TIMEOUT.toMillis()))),
                bool(values, "GATEWAY_APQ_ENABLED", true),
                positive(values, "GATEWAY_APQ_CACHE_SIZE", PersistedQueries.DEFAULT_CAPACITY),
                nonNegative(values, "GATEWAY_PUBLIC_GET_MAX_AGE", 0),
                storefrontDir(values.get("GATEWAY_STOREFRONT_DIR")));
    }

    /**
     * The web shop's directory (storefront/dist after {@code npm run build}): it must hold an
     * index.html, so a mistyped path or a shop never built stops the start instead of serving 404s.
     */
    private static Path storefrontDir(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path dir = Path.of(value.trim()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("index.html"))) {
            throw new IllegalArgumentException("GATEWAY_STOREFRONT_DIR " + dir + " has no index.html: build the web shop"
                    + " (cd storefront && npm ci && npm run build) or unset GATEWAY_STOREFRONT_DIR");
        }
        return dir;
    }

    private static BearerTokenVerifier.Settings auth(Map<String, String> values) {
        String url = values.getOrDefault("GATEWAY_JWKS_URL", DEFAULT_JWKS_URL).trim();
        if (url.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return new BearerTokenVerifier.Settings(URI.create(url).toURL(),
                    nonBlank(values, "GATEWAY_JWT_ISSUER", DEFAULT_JWT_ISSUER),
                    nonBlank(values, "GATEWAY_JWT_AUDIENCE", DEFAULT_JWT_AUDIENCE),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("GATEWAY_JWKS_CACHE_SECONDS", "300"))),
                    Duration.ofMillis(Long.parseLong(values.getOrDefault("GATEWAY_JWKS_MIN_REFRESH_MS", "10000"))),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("GATEWAY_JWT_CLOCK_SKEW_SECONDS", "30"))));
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEWAY_JWKS_URL is not a URL: " + url);
        }
    }

    /** The value, or the default when unset or blank. */
    private static String nonBlank(Map<String, String> values, String name, String defaultValue) {
        String value = values.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static int integer(Map<String, String> values, String name, int defaultValue) {
        String value = values.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got: " + value);
        }
    }

    private static int positive(Map<String, String> values, String name, int defaultValue) {
        int value = integer(values, name, defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got: " + value);
        }
        return value;
    }

    private static int nonNegative(Map<String, String> values, String name, int defaultValue) {
        int value = integer(values, name, defaultValue);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got: " + value);
        }
        return value;
    }

    private static boolean bool(Map<String, String> values, String name, boolean defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got: " + value);
        };
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
