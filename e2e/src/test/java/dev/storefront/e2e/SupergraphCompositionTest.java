package dev.storefront.e2e;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The four running services' {@code _service.sdl} compose into a supergraph with a standard
 * composer (@theguild/federation-composition) with no errors and no hints, and the result equals
 * the checked-in supergraph/supergraph.graphql that the gateway, bin/start and compose/ use.
 * Run with {@code -Dsupergraph.update=true} to rewrite the checked-in files after a schema change.
 */
class SupergraphCompositionTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();

    @Test
    void subgraphsComposeCleanlyIntoTheCheckedInSupergraph() throws Exception {
        StorefrontStack stack = STACK.stack();
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        Path sdlDir = home.resolve("e2e/target/subgraph-sdl");
        Files.createDirectories(sdlDir);
        for (String service : StorefrontStack.SERVICES) {
            JsonObject response = StorefrontStack.graphql(stack.url(service), "{ _service { sdl } }", Map.of());
            Files.writeString(sdlDir.resolve(service + ".graphql"),
                    response.getJsonObject("data").getJsonObject("_service").getString("sdl"));
        }
        Path composed = home.resolve("e2e/target/supergraph.graphql");
        Process node = new ProcessBuilder("node", home.resolve("supergraph/compose.mjs").toString(),
                sdlDir.toString(), composed.toString())
                .redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("composition finished", node.waitFor(60, TimeUnit.SECONDS), is(true));
        assertThat("composition report: " + output, node.exitValue(), is(0));
        JsonObject report = Json.createReader(new StringReader(output)).readObject();
        assertThat("composition errors: " + output, report.getJsonArray("errors").size(), is(0));
        assertThat("composition hints: " + output, report.getJsonArray("hints").size(), is(0));

        Path checkedIn = home.resolve("supergraph/supergraph.graphql");
        String expected = Files.exists(checkedIn) ? Files.readString(checkedIn) : "";
        String actual = Files.readString(composed);
        if (Boolean.getBoolean("supergraph.update")) {
            Files.writeString(checkedIn, actual);
            for (String service : StorefrontStack.SERVICES) {
                Path target = home.resolve("supergraph/subgraphs/" + service + ".graphql");
                Files.createDirectories(target.getParent());
                Files.copy(sdlDir.resolve(service + ".graphql"), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        assertEquals(expected, actual, "supergraph/supergraph.graphql is stale: rerun with -Dsupergraph.update=true"
                + " (mvn -pl e2e verify -Dsupergraph.update=true) and commit the result");
    }
}
