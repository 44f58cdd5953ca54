package dev.storefront.gateway.supergraph;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Development mode: fetches each subgraph's {@code _service { sdl }} and composes a supergraph with
 * the standard composer (npm {@code @theguild/federation-composition}, run by node), so composition
 * rules are exactly the ecosystem's rather than a partial re-implementation.
 */
public final class SubgraphComposer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubgraphComposer() {
    }

    @SuppressWarnings("unchecked")
    public static String compose(Map<String, String> urlByName, String nodeModules) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Object> services = new LinkedHashMap<>();
        for (var entry : urlByName.entrySet()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(entry.getValue()))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ _service { sdl } }\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Map<String, Object> body = JSON.readValue(response.body(), Map.class);
                Object sdl = body.get("data") instanceof Map<?, ?> data && data.get("_service") instanceof Map<?, ?> service
                        ? service.get("sdl") : null;
                if (!(sdl instanceof String text)) {
                    throw new SupergraphException("Subgraph '" + entry.getKey() + "' at " + entry.getValue()
                            + " did not return _service { sdl }: " + response.body());
                }
                services.put(entry.getKey(), Map.of("url", entry.getValue(), "sdl", text));
            } catch (IOException e) {
                throw new SupergraphException("Cannot fetch the SDL of subgraph '" + entry.getKey() + "' from "
                        + entry.getValue() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SupergraphException("Interrupted while fetching subgraph SDLs", e);
            }
        }
        if (nodeModules == null || !Files.isDirectory(Path.of(nodeModules, "@theguild", "federation-composition"))) {
            throw new SupergraphException("Composing subgraphs needs node and the npm package @theguild/federation-composition: "
                    + "set GATEWAY_NODE_MODULES to a node_modules directory that has it (e.g. graphql-gateway/src/test/js/node_modules "
                    + "after npm ci), or compose offline and pass GATEWAY_SUPERGRAPH");
        }
        try {
            Path dir = Files.createTempDirectory("gateway-compose");
            Path script = dir.resolve("compose.mjs");
            try (InputStream in = SubgraphComposer.class.getResourceAsStream("/compose/compose-subgraphs.mjs")) {
                Files.write(script, in.readAllBytes());
            }
            Path input = dir.resolve("subgraphs.json");
            Files.write(input, JSON.writeValueAsBytes(services));
            ProcessBuilder builder = new ProcessBuilder("node", script.toString(), input.toString());
            builder.environment().put("GATEWAY_NODE_MODULES", Path.of(nodeModules).toAbsolutePath().toString());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new SupergraphException("Composition failed: " + (err.isBlank() ? out : err).trim());
            }
            return out;
        } catch (IOException e) {
            throw new SupergraphException("Cannot run node for composition: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupergraphException("Interrupted while composing", e);
        }
    }
}
