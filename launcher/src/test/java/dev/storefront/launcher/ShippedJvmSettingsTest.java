package dev.storefront.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local stack starts every process with the JVM settings its module ships with
 * ({@code <module>/jvm.options}, which the container images and the benchmarks read too).
 */
class ShippedJvmSettingsTest {

    // the launcher module's tests run in launcher/: the checkout is its parent
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyProcessStartsWithItsModulesSettingsFile() throws Exception {
        for (String module : List.of("graphql-gateway", "users", "products", "orders", "payments")) {
            List<String> args = Main.jvmArgs(HOME, HOME.resolve("run"), module);
            Path options = HOME.resolve(module).resolve("jvm.options");
            assertEquals("@" + options, args.getFirst(), module);
            // the serial collector everywhere (bench/results/subgraph-fetch-cpu.md, per-request-cost.md)
            assertTrue(options(options).contains("-XX:+UseSerialGC"), module + ": " + options(options));
        }
    }

    @Test
    void theGatewayAlsoCapsItsHeap() throws Exception {
        List<String> lines = options(HOME.resolve("graphql-gateway/jvm.options"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-Xmx")), lines.toString());
    }

    /** A java @argument file: every line a comment or one option. */
    private static List<String> options(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(lines.stream().allMatch(l -> l.startsWith("-") && !l.contains(" ")), lines.toString());
        return lines;
    }
}
