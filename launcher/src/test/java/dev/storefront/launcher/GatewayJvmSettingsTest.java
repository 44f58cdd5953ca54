package dev.storefront.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local stack starts the gateway with the JVM settings it ships with (graphql-gateway/jvm.options). */
class GatewayJvmSettingsTest {

    @Test
    void theGatewayStartsWithItsShippedSettingsFile() throws Exception {
        // the launcher module's tests run in launcher/: the checkout is its parent
        Path home = Path.of("..").toAbsolutePath().normalize();
        List<String> args = Main.gatewayJvmArgs(home, home.resolve("run"));
        Path options = home.resolve("graphql-gateway/jvm.options");
        assertEquals("@" + options, args.getFirst());
        // a java @argument file: every line a comment or one option (a heap limit among them)
        List<String> lines = Files.readAllLines(options).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(lines.stream().allMatch(l -> l.startsWith("-") && !l.contains(" ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-Xmx")), lines.toString());
    }
}
