package dev.storefront.e2e;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

/**
 * graphql-http's {@code auditServer} (the GraphQL-over-HTTP spec's own audit, from npm) against
 * the gateway and every subgraph: no failures. Warnings are printed; the README lists them with
 * reasons.
 */
class GraphQlOverHttpAuditTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();

    @Test
    void gatewayAndSubgraphsPassTheAudit() throws Exception {
        StorefrontStack stack = STACK.stack();
        List<String> endpoints = new ArrayList<>();
        endpoints.add(stack.gatewayUrl() + "/graphql");
        for (String service : StorefrontStack.SERVICES) {
            endpoints.add(stack.url(service) + "/graphql");
        }
        Path audit = Path.of(System.getProperty("storefront.home", "..")).resolve("e2e/js/audit.mjs");
        List<String> failures = new ArrayList<>();
        for (String endpoint : endpoints) {
            Process node = new ProcessBuilder("node", audit.toString(), endpoint).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            node.waitFor(120, TimeUnit.SECONDS);
            JsonObject summary = Json.createReader(new StringReader(output)).readObject();
            System.out.printf("audit %s: %d ok, %d warn, %d error%n", endpoint,
                    summary.getInt("ok"), summary.getInt("warn"), summary.getInt("error"));
            summary.getJsonArray("results").forEach(r -> {
                JsonObject result = r.asJsonObject();
                String line = endpoint + " " + result.getString("status") + ": " + result.getString("name")
                        + " (" + result.get("reason") + ")";
                System.out.println("  " + line);
                if ("error".equals(result.getString("status"))) {
                    failures.add(line);
                }
            });
        }
        assertThat(failures, empty());
    }
}
