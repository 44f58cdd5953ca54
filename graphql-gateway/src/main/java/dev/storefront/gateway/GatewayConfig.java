package dev.storefront.gateway;

import java.io.IOException;
import java.io.Reader;
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
 */
public record GatewayConfig(String host, int port, String supergraph, Map<String, String> devSubgraphs,
                            Map<String, String> subgraphUrls, Duration subgraphTimeout,
                            Map<String, Duration> subgraphTimeouts, long maxBodyBytes, List<String> corsOrigins,
                            Set<String> overrideLabels, int planCacheSize, String nodeModules) {

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
                values.get("GATEWAY_NODE_MODULES"));
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }
}
