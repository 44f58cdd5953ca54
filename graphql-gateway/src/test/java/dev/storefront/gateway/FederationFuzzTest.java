package dev.storefront.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.supergraph.OverrideLabels;
import dev.storefront.gateway.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential fuzzer: random Federation v2 subgraph sets and operations (src/test/js/fuzz, see its README),
 * each operation run through this gateway and through Hive Gateway with Hive Router's query planner (the
 * oracle) over the same supergraph and the same generated subgraphs. Compares per operation the {@code data}
 * (numbers by value) and the set of error paths. Every difference not matched by an explained class in
 * src/test/js/fuzz/explained.json fails the test; each is written to target/fuzz/&lt;seed&gt;.md.
 *
 * <p>System properties: {@code fuzz.seed} (first seed), {@code fuzz.cases} (subgraph sets),
 * {@code fuzz.operations} (operations per set). Skipped when src/test/js has no node_modules.
 */
class FederationFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path JS = ReferenceGateway.JS;
    private static final Path OUT = Path.of(System.getProperty("fuzz.out", "target/fuzz"));

    record Explained(String name, Pattern signature, String reason) {
    }

    record Difference(long seed, int operation, String kind, String signature, String file) {
    }

    @Test
    void sameAnswersAsHiveRouterOnRandomSubgraphSets() throws Exception {
        ReferenceGateway.assumeNodeModules();
        long firstSeed = Long.getLong("fuzz.seed", 1000);
        int cases = Integer.getInteger("fuzz.cases", 40);
        int operations = Integer.getInteger("fuzz.operations", 15);
        double maxMinutes = Double.parseDouble(System.getProperty("fuzz.maxMinutes", "0"));
        long lastSeed = firstSeed - 1;
        List<Explained> explained = loadExplained();
        Files.createDirectories(OUT);

        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Integer> explainedCounts = new TreeMap<>();
        List<Difference> unexplained = new ArrayList<>();
        List<String> harnessErrors = new ArrayList<>();
        List<String> agreedAgainstModel = new ArrayList<>();
        int compared = 0;
        int sets = 0;
        int discarded = 0;
        long started = System.nanoTime();
        SubgraphClient client = new SubgraphClient(Duration.ofSeconds(5), Map.of());

        Process node = new ProcessBuilder("node", JS.resolve("fuzz/server.mjs").toString())
                .redirectError(OUT.resolve("node-stderr.log").toFile()).start();
        try (BufferedWriter in = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
             BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = maxMinutes > 0 ? System.nanoTime() + (long) (maxMinutes * 60e9) : Long.MAX_VALUE;
            for (long seed = firstSeed; seed < firstSeed + cases && System.nanoTime() < deadline; seed++) {
                lastSeed = seed;
                in.write(JSON.writeValueAsString(Map.of("case", seed, "operations", operations)) + "\n");
                in.flush();
                String line = out.readLine();
                if (line == null) {
                    fail("the fuzz driver (node fuzz/server.mjs) exited; see " + OUT.resolve("node-stderr.log"));
                }
                JsonNode answer = JSON.readTree(line);
                try {
                    if (answer.has("error")) {
                        harnessErrors.add("seed " + seed + ": " + answer.get("error").asText());
                        continue;
                    }
                    sets++;
                    discarded += answer.path("discarded").asInt();
                    Map<String, String> urls = new LinkedHashMap<>();
                    answer.get("urls").fields().forEachRemaining(e -> urls.put(e.getKey(), e.getValue().asText()));
                    Gateway gateway;
                    try {
                        gateway = new Gateway(Supergraph.parse(answer.get("supergraph").asText()).withUrls(urls), client,
                                new OverrideLabels(Set.of()), 100);
                    } catch (RuntimeException e) {
                        // our gateway rejects a supergraph that composes: every operation differs
                        gateway = null;
                        byKind.merge("ours-rejects-supergraph", 1, Integer::sum);
                        String signature = "ours-rejects-supergraph|" + normalize(String.valueOf(e.getMessage()));
                        String file = report(seed, answer, -1, null, "ours-rejects-supergraph", signature, e.toString(), null, null);
                        Explained match = match(explained, signature);
                        if (match == null) {
                            unexplained.add(new Difference(seed, -1, "ours-rejects-supergraph", signature, file));
                        } else {
                            explainedCounts.merge(match.name(), 1, Integer::sum);
                        }
                        continue;
                    }
                    int index = 0;
                    for (JsonNode op : answer.get("operations")) {
                        int i = index++;
                        compared++;
                        String query = op.get("query").asText();
                        JsonNode hive = op.get("hive");
                        JsonNode ours;
                        try {
                            ours = JSON.valueToTree(gateway.execute(new GraphQLRequest(query, null, Map.of(), Map.of()),
                                    false, Map.of()).body());
                        } catch (RuntimeException e) {
                            ObjectNode failed = JSON.createObjectNode();
                            failed.putArray("errors").addObject().put("message", "gateway threw " + e);
                            ours = failed;
                        }
                        JsonNode truth = op.path("truth");
                        String kind = classify(ours, hive);
                        if (kind == null) {
                            if (!truth.isMissingNode() && classify(ours, truth) != null) {
                                // both gateways agree and the model does not: reported, not failed (a shared bug or a model gap)
                                byKind.merge("same-but-not-model", 1, Integer::sum);
                                if (agreedAgainstModel.size() < 20) {
                                    agreedAgainstModel.add("seed " + seed + " op #" + i + ": "
                                            + report(seed, answer, i, query, "same-but-not-model",
                                            signature("same-but-not-model", ours, truth), "(model: " + truth + ")", ours, hive));
                                }
                            } else {
                                byKind.merge("same", 1, Integer::sum);
                            }
                            continue;
                        }
                        String verdict = truth.isMissingNode() ? "?" : classify(ours, truth) == null ? "ours"
                                : classify(hive, truth) == null ? "hive" : "neither";
                        if (kind.equals("ours-wrong-data") && verdict.equals("ours")) {
                            kind = "hive-wrong-data";
                        }
                        byKind.merge(kind + " (model agrees with " + verdict + ")", 1, Integer::sum);
                        String signature = signature(kind, ours, hive) + "|model agrees with " + verdict;
                        String plan;
                        try {
                            plan = gateway.plan(query, null, Map.of()).print();
                        } catch (RuntimeException e) {
                            plan = "planning failed: " + e;
                        }
                        Explained match = match(explained, signature);
                        String file = report(seed, answer, i, query, kind, signature, plan, ours, hive);
                        if (match == null) {
                            unexplained.add(new Difference(seed, i, kind, signature, file));
                        } else {
                            explainedCounts.merge(match.name(), 1, Integer::sum);
                        }
                    }
                } finally {
                    in.write(JSON.writeValueAsString(Map.of("done", seed)) + "\n");
                    in.flush();
                    out.readLine();
                }
            }
        } finally {
            node.destroy();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        StringBuilder summary = new StringBuilder();
        summary.append(String.format("federation fuzz: seeds %d..%d, %d subgraph sets (%d generated sets discarded: did not compose), "
                        + "%d operations compared in %.1f s%n", firstSeed, lastSeed, sets, discarded, compared, seconds));
        summary.append("  by class: ").append(byKind).append('\n');
        if (!explainedCounts.isEmpty()) {
            summary.append("  explained: ").append(explainedCounts).append('\n');
        }
        Map<String, List<Difference>> bySignature = new TreeMap<>();
        for (Difference d : unexplained) {
            bySignature.computeIfAbsent(d.signature(), s -> new ArrayList<>()).add(d);
        }
        if (!bySignature.isEmpty()) {
            summary.append("  unexplained differences: ").append(unexplained.size()).append(" in ")
                    .append(bySignature.size()).append(" signatures\n");
            bySignature.forEach((s, ds) -> summary.append("    ").append(ds.size()).append("x ").append(s)
                    .append("\n      e.g. seed ").append(ds.get(0).seed()).append(" op #").append(ds.get(0).operation())
                    .append(": ").append(ds.get(0).file()).append('\n'));
        }
        for (String e : agreedAgainstModel) {
            summary.append("  both gateways differ from the model: ").append(e).append('\n');
        }
        for (String e : harnessErrors) {
            summary.append("  harness error: ").append(e, 0, Math.min(e.length(), 2000)).append('\n');
        }
        System.out.print(summary);
        Files.writeString(OUT.resolve("summary.txt"), summary.toString());
        if (!unexplained.isEmpty() || !harnessErrors.isEmpty()) {
            fail(summary.toString());
        }
    }

    // ---------------------------------------------------------------- comparison

    /** null when the answers agree; otherwise the difference class. */
    static String classify(JsonNode ours, JsonNode hive) {
        boolean sameData = sameData(ours.get("data"), hive.get("data"));
        Set<String> ourPaths = errorPaths(ours);
        Set<String> hivePaths = errorPaths(hive);
        if (sameData && ourPaths.equals(hivePaths)) {
            return null;
        }
        boolean ourErrors = ours.has("errors") && !ours.get("errors").isEmpty();
        boolean hiveErrors = hive.has("errors") && !hive.get("errors").isEmpty();
        if (ourErrors && !hiveErrors) {
            return "ours-errors-hive-ok";
        }
        if (hiveErrors && !ourErrors) {
            return "hive-errors-ours-ok";
        }
        if (!ourErrors) {
            return "ours-wrong-data";
        }
        return sameData ? "error-paths-differ" : "both-differ";
    }

    static boolean sameData(JsonNode a, JsonNode b) {
        JsonNode x = a == null ? JSON.nullNode() : a;
        JsonNode y = b == null ? JSON.nullNode() : b;
        return x.equals((p, q) -> p.isNumber() && q.isNumber() ? p.decimalValue().compareTo(q.decimalValue())
                : p.equals(q) ? 0 : 1, y);
    }

    static Set<String> errorPaths(JsonNode response) {
        Set<String> paths = new TreeSet<>();
        for (JsonNode e : response.path("errors")) {
            paths.add(e.has("path") ? e.get("path").toString() : "(no path)");
        }
        return paths;
    }

    /** A stable description of a difference: class and the first error message of each side, names and numbers blurred. */
    static String signature(String kind, JsonNode ours, JsonNode hive) {
        String data = dataDifference(ours.get("data"), hive.get("data"));
        return kind + "|ours: " + firstMessage(ours) + "|hive: " + firstMessage(hive) + (data == null ? "" : "|data: " + data);
    }

    /** The first difference between the two data trees, as a shape (no names or values); null when equal. */
    static String dataDifference(JsonNode ours, JsonNode hive) {
        JsonNode a = ours == null ? JSON.nullNode() : ours;
        JsonNode b = hive == null ? JSON.nullNode() : hive;
        if (sameData(a, b)) {
            return null;
        }
        if (a.isNull() != b.isNull()) {
            return a.isNull() ? "ours null, hive a value" : "hive null, ours a value";
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                // the generated subgraphs never return a list of more than 3 items
                if (b.size() > 3 && a.size() <= 3) {
                    return "hive list longer than any subgraph returns";
                }
                return "list lengths differ";
            }
            for (int i = 0; i < a.size(); i++) {
                String d = dataDifference(a.get(i), b.get(i));
                if (d != null) {
                    return d;
                }
            }
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!b.has(f)) {
                    return "field missing in hive";
                }
                String d = dataDifference(a.get(f), b.get(f));
                if (d != null) {
                    return d;
                }
            }
            return "field missing in ours";
        }
        if (a.isContainerNode() != b.isContainerNode() || a.isArray() != b.isArray()) {
            return "shapes differ";
        }
        return "values differ";
    }

    private static String firstMessage(JsonNode response) {
        Iterator<JsonNode> errors = response.path("errors").elements();
        return errors.hasNext() ? normalize(errors.next().path("message").asText()) : "-";
    }

    static String normalize(String message) {
        String m = message.replaceAll(" got .*", " got …").replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'")
                .replaceAll("\\b(E|V|I|U)\\d+\\b", "T").replaceAll("\\b[a-z]\\d+\\b", "f")
                .replaceAll("\\d+", "N").replaceAll("\\s+", " ");
        return m.length() > 160 ? m.substring(0, 160) : m;
    }

    private static Explained match(List<Explained> explained, String signature) {
        for (Explained e : explained) {
            if (e.signature().matcher(signature).find()) {
                return e;
            }
        }
        return null;
    }

    private static List<Explained> loadExplained() throws IOException {
        List<Explained> list = new ArrayList<>();
        Path file = JS.resolve("fuzz/explained.json");
        if (Files.exists(file)) {
            for (JsonNode e : JSON.readTree(file.toFile()).path("classes")) {
                list.add(new Explained(e.path("name").asText(), Pattern.compile(e.path("signature").asText()),
                        e.path("reason").asText()));
            }
        }
        return list;
    }

    // ---------------------------------------------------------------- reports

    private static String report(long seed, JsonNode answer, int operation, String query, String kind, String signature,
                                 String plan, JsonNode ours, JsonNode hive) throws IOException {
        Path file = OUT.resolve(seed + ".md");
        StringBuilder md = new StringBuilder();
        if (!Files.exists(file)) {
            md.append("# Fuzz seed ").append(seed).append("\n\nReplay: `mvn -pl graphql-gateway test -Dtest=FederationFuzzTest "
                    + "-Dfuzz.seed=").append(seed).append(" -Dfuzz.cases=1 -Dfuzz.operations=")
                    .append(Integer.getInteger("fuzz.operations", 15)).append("` (or `node src/test/js/fuzz/generate.mjs ")
                    .append(seed).append("`)\n\n## Subgraphs\n\n");
            answer.get("sdls").fields().forEachRemaining(e -> md.append("### ").append(e.getKey()).append("\n\n```graphql\n")
                    .append(e.getValue().asText()).append("```\n\n"));
        }
        md.append("## Operation #").append(operation).append(": ").append(kind).append("\n\nSignature: `")
                .append(signature).append("`\n\n");
        if (query != null) {
            md.append("```graphql\n").append(query).append("\n```\n\n");
            md.append("Ours:\n\n```json\n").append(PRETTY.writeValueAsString(ours)).append("\n```\n\n");
            md.append("Hive:\n\n```json\n").append(PRETTY.writeValueAsString(hive)).append("\n```\n\n");
            JsonNode truth = answer.path("operations").path(operation).path("truth");
            if (!truth.isMissingNode()) {
                md.append("Model (expected answer computed without a gateway):\n\n```json\n")
                        .append(PRETTY.writeValueAsString(truth)).append("\n```\n\n");
            }
        }
        md.append("Our plan:\n\n```\n").append(plan).append("\n```\n\n");
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return file.toString();
    }
}
