package dev.storefront.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.supergraph.Supergraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Federation v2 conformance corpus (src/test/conformance/&lt;family&gt;, see its README): for
 * every family, starts its subgraphs (node src/test/js/conformance/serve-subgraphs.mjs), builds
 * this gateway over the family's checked-in supergraph.graphql with the subgraphs' URLs, runs each
 * operation of operations.json and asserts the data (numbers compared by value) and the error
 * paths equal "expected". An operation with {@code "ours": {"refused": "reason"}} documents a case
 * this gateway knowingly refuses: the test then asserts an error and no silent data. Skipped when
 * src/test/js has no node_modules (run npm ci there). {@code -Dconformance.only=keys,unions} runs
 * only the named families.
 */
class ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path CORPUS = ReferenceGateway.JS.resolveSibling("conformance");
    private static final List<Family> STARTED = new ArrayList<>();

    /** Numbers compare by value (1 == 1.0 == 1L); everything else structurally. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    @TestFactory
    Stream<DynamicNode> corpus() throws IOException {
        ReferenceGateway.assumeNodeModules();
        List<DynamicNode> families = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            String only = System.getProperty("conformance.only", "");
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (!only.isBlank() && Stream.of(only.split(",")).map(String::trim)
                        .noneMatch(f -> f.equals(dir.getFileName().toString()))) {
                    continue;
                }
                Family family = new Family(dir);
                JsonNode operations = JSON.readTree(dir.resolve("operations.json").toFile());
                List<DynamicTest> tests = new ArrayList<>();
                for (JsonNode op : operations) {
                    String name = dir.getFileName() + "/" + op.get("name").asText();
                    tests.add(DynamicTest.dynamicTest(name, () -> check(name, family, op)));
                }
                families.add(DynamicContainer.dynamicContainer(dir.getFileName().toString(), tests));
            }
        }
        return families.stream();
    }

    private static void check(String name, Family family, JsonNode op) throws Exception {
        Map<String, Object> variables = op.has("variables")
                ? JSON.convertValue(op.get("variables"), Map.class) : Map.of();
        Map<String, Object> body = family.gateway().execute(ExecutionRequest.of(new GraphQLRequest(op.get("query").asText(), null, variables, Map.of()))).body();
        JsonNode actual = JSON.valueToTree(body);
        JsonNode data = actual.has("data") ? actual.get("data") : NullNode.instance;
        List<String> paths = errorPaths(actual.get("errors"));
        JsonNode refused = op.path("ours").path("refused");
        if (!refused.isMissingNode()) {
            // A documented refusal: an error, and null data at ours.path (or no data at all) - never silent.
            assertFalse(paths.isEmpty(), name + ": documented refusal (" + refused.asText() + ") must come with an error: " + actual);
            JsonNode at = data;
            for (JsonNode step : op.path("ours").path("path")) {
                at = at.isNull() || at.isMissingNode() ? at : step.isNumber() ? at.path(step.asInt()) : at.path(step.asText());
            }
            assertTrue(at.isNull() || at.isMissingNode(), name + ": refused, so data at " + op.path("ours").path("path")
                    + " must be null: " + actual);
            return;
        }
        JsonNode expected = op.get("expected");
        JsonNode expectedData = expected.has("data") ? expected.get("data") : NullNode.instance;
        List<String> expectedPaths = errorPaths(expected.get("errorPaths"), true);
        if (!data.equals(BY_VALUE, expectedData) || !paths.equals(expectedPaths)) {
            fail("CONFORMANCE " + name + "\nquery: " + op.get("query").asText()
                    + "\nexpected data: " + expectedData + " error paths " + expectedPaths
                    + "\nactual data:   " + data + " error paths " + paths
                    + "\nactual response: " + actual);
        }
    }

    private static List<String> errorPaths(JsonNode errors) {
        return errorPaths(errors, false);
    }

    /** Error paths as JSON text, sorted; an error without a path counts as []. */
    private static List<String> errorPaths(JsonNode node, boolean pathsGiven) {
        List<String> paths = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode e : node) {
                JsonNode path = pathsGiven ? e : e.get("path");
                paths.add(path == null || path.isNull() ? "[]" : path.toString());
            }
        }
        paths.sort(null);
        return paths;
    }

    @AfterAll
    static void stopSubgraphs() {
        synchronized (STARTED) {
            STARTED.forEach(Family::close);
            STARTED.clear();
        }
    }

    /** A family's subgraphs (node) and our gateway over its supergraph, started on first use. */
    private static final class Family {
        private final Path dir;
        private Process process;
        private Gateway gateway;

        Family(Path dir) {
            this.dir = dir;
        }

        synchronized Gateway gateway() throws Exception {
            if (gateway != null) {
                return gateway;
            }
            process = new ProcessBuilder("node",
                    ReferenceGateway.JS.resolve("conformance/serve-subgraphs.mjs").toString(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            synchronized (STARTED) {
                STARTED.add(this);
            }
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
                // nothing else is printed before READY
            }
            assertTrue(line != null, "subgraphs of " + dir.getFileName() + " did not start");
            Map<String, String> urls = new LinkedHashMap<>();
            JSON.readTree(line.substring(6)).properties().forEach(e -> urls.put(e.getKey(), e.getValue().asText()));
            Supergraph supergraph = Supergraph.parse(Files.readString(dir.resolve("supergraph.graphql"))).withUrls(urls);
            gateway = Gateway.builder(supergraph, new SubgraphClient(Duration.ofSeconds(2), Map.of())).planCacheSize(100).build();
            return gateway;
        }

        void close() {
            if (process != null) {
                try {
                    process.getOutputStream().close();
                } catch (IOException ignored) {
                    // the process is destroyed below anyway
                }
                process.destroy();
            }
        }
    }
}
