package dev.storefront.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.storefront.launcher.Database;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * The README's start command on a machine without a database server: {@code bin/start} with its
 * database port pointing where nothing listens must start the embedded MariaDB, the four services
 * and the gateway, answer a storefront query, and on SIGTERM (what Ctrl-C's shutdown path runs)
 * leave no process and no port behind. Runs on shifted ports in a temporary run directory, so a
 * developer's own stack and MariaDB on 3306 are untouched.
 */
class OneCommandStartTest {

    private static final int OFFSET = 30000;

    @Test
    void startsEverythingOnAnEmbeddedDatabaseAndStopsCleanly() throws Exception {
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        Path runDir = Files.createTempDirectory("storefront-run");
        int dbPort = 13306 + (int) (ProcessHandle.current().pid() % 1000);
        List<Integer> ports = List.of(dbPort, 4000 + OFFSET, 8081 + OFFSET, 8082 + OFFSET, 8083 + OFFSET, 8084 + OFFSET);
        for (int port : ports) {
            assertThat("port " + port + " is free before the test", Database.isListening(port), is(false));
        }

        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/start").toString())
                .directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "STOREFRONT_DB_PORT", String.valueOf(dbPort),
                "STOREFRONT_PORT_OFFSET", String.valueOf(OFFSET),
                "STOREFRONT_RUN_DIR", runDir.toString()));
        long startedNanos = System.nanoTime();
        Process start = builder.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(start.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("Storefront ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            ready.complete(false);
        });
        List<ProcessHandle> started = new ArrayList<>();
        try {
            assertThat("bin/start reported ready; output:\n" + output, ready.get(240, TimeUnit.SECONDS), is(true));
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            System.out.printf("bin/start: whole stack ready in %.1f s (embedded MariaDB)%n", seconds);
            assertThat(output.toString(), output.toString().contains("Started an embedded MariaDB"), is(true));
            started.addAll(start.descendants().toList());

            JsonObject response = StorefrontStack.graphql("http://localhost:" + (4000 + OFFSET),
                    "{ products(first: 2) { edges { node { id name stock } } } }", Map.of());
            assertThat(response.toString(), response.getJsonObject("data").getJsonObject("products")
                    .getJsonArray("edges").size(), is(2));
            assertThat(response.toString(), response.getJsonObject("data").getJsonObject("products")
                    .getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id"), is("prod-01"));
        } finally {
            start.toHandle().destroy();
            start.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(start.isAlive(), is(false));
        assertThat("processes left running: " + started,
                started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(), empty());
        for (int port : ports) {
            assertThat("port " + port + " is free after stop", Database.isListening(port), is(false));
        }
    }
}
