package dev.storefront.gateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.supergraph.Supergraph;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
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
 * {@code fuzz.operations} (operations per set), {@code fuzz.knobs} (JSON object over the generator's DEFAULTS). Skipped when src/test/js has no node_modules.
 */
class FederationFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path JS = ReferenceGateway.JS;
    private static final Path OUT = Path.of(System.getProperty("fuzz.out", "target/fuzz"));

    record Explained(String name, Pattern signature, String reason) {
    }

    record Difference(long seed, int operation, String kind, String signature, String oursFault, String file) {
        String group() {
            return oursFault != null ? oursFault : signature;
        }
    }

    @Test
    void sameAnswersAsHiveRouterOnRandomSubgraphSets() throws Exception {
        ReferenceGateway.assumeNodeModules();
        long firstSeed = Long.getLong("fuzz.seed", 1000);
        int cases = Integer.getInteger("fuzz.cases", 40);
        int operations = Integer.getInteger("fuzz.operations", 15);
        double maxMinutes = Double.parseDouble(System.getProperty("fuzz.maxMinutes", "0"));
        // generator knobs over generate.mjs's DEFAULTS, e.g. {"operationDepth":6,"shareChance":0.5}
        Map<String, Object> knobs = JSON.readValue(System.getProperty("fuzz.knobs", "{}"), new TypeReference<Map<String, Object>>() {
        });
        long lastSeed = firstSeed - 1;
        List<Explained> explained = loadExplained();
        Files.createDirectories(OUT);

        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Integer> explainedCounts = new TreeMap<>();
        List<Difference> unexplained = new ArrayList<>();
        List<String> harnessErrors = new ArrayList<>();
        List<String> agreedAgainstModel = new ArrayList<>();
        int minimizeBudget = Integer.getInteger("fuzz.minimize", 25);
        Set<String> minimized = new java.util.HashSet<>();
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
                in.write(JSON.writeValueAsString(Map.of("case", seed, "operations", operations, "knobs", knobs)) + "\n");
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
                        gateway = Gateway.builder(Supergraph.parse(answer.get("supergraph").asText()).withUrls(urls), client).planCacheSize(100).build();
                    } catch (RuntimeException e) {
                        // our gateway rejects a supergraph that composes: every operation differs
                        gateway = null;
                        byKind.merge("ours-rejects-supergraph", 1, Integer::sum);
                        String signature = "ours-rejects-supergraph|" + normalize(String.valueOf(e.getMessage()));
                        String file = report(seed, answer, -1, null, "ours-rejects-supergraph", signature, e.toString(), null, null, null);
                        Explained match = match(explained, signature);
                        if (match == null) {
                            unexplained.add(new Difference(seed, -1, "ours-rejects-supergraph", signature, null, file));
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
                        JsonNode truth = op.path("truth");
                        Outcome o = outcome(gateway, query, hive, truth);
                        if (o.kind() == null) {
                            if (!truth.isMissingNode() && classify(o.ours(), truth) != null) {
                                // both gateways agree and the model does not: reported, not failed (a shared bug or a model gap)
                                byKind.merge("same-but-not-model", 1, Integer::sum);
                                if (agreedAgainstModel.size() < 20) {
                                    agreedAgainstModel.add("seed " + seed + " op #" + i + ": "
                                            + report(seed, answer, i, query, "same-but-not-model",
                                            signature("same-but-not-model", o.ours(), truth), plan(gateway, query), o.ours(), hive, truth));
                                }
                            } else {
                                byKind.merge("same", 1, Integer::sum);
                            }
                            continue;
                        }
                        byKind.merge(o.kind() + " (model agrees with " + o.verdict() + ")", 1, Integer::sum);
                        Explained match = match(explained, o.signature());
                        String file = report(seed, answer, i, query, o.kind(),
                                o.signature() + (o.oursFault() == null ? "" : "` `" + o.oursFault()), plan(gateway, query), o.ours(), hive, truth);
                        if (match == null) {
                            unexplained.add(new Difference(seed, i, o.kind(), o.signature(), o.oursFault(), file));
                            if (minimizeBudget > 0 && minimized.add(o.oursFault() != null ? o.oursFault() : o.signature())) {
                                minimizeBudget--;
                                Driver driver = new Driver(in, out);
                                String small = minimize(gateway, driver, seed, query, o);
                                JsonNode r = driver.ask(Map.of("run", seed, "query", small));
                                Outcome m = outcome(gateway, small, r.get("hive"), r.get("truth"));
                                report(seed, answer, i, small, "minimized #" + i + " (" + m.kind() + ")",
                                        m.signature() + (m.oursFault() == null ? "" : "` `" + m.oursFault()),
                                        plan(gateway, small), m.ours(), r.get("hive"), r.get("truth"));
                            }
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
            bySignature.computeIfAbsent(d.group(), s -> new ArrayList<>()).add(d);
        }
        if (!bySignature.isEmpty()) {
            summary.append("  unexplained differences: ").append(unexplained.size()).append(" in ")
                    .append(bySignature.size()).append(" groups (by how our answer departs from the model's, else by signature)\n");
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

    /** kind null when the answers agree; verdict: which side the model agrees with. */
    record Outcome(String kind, String verdict, String signature, JsonNode ours, String oursFault) {
    }

    static Outcome outcome(Gateway gateway, String query, JsonNode hive, JsonNode truth) {
        JsonNode ours;
        try {
            ours = JSON.valueToTree(gateway.execute(ExecutionRequest.of(new GraphQLRequest(query, null, Map.of(), Map.of()))).body());
        } catch (RuntimeException e) {
            ObjectNode failed = JSON.createObjectNode();
            failed.putArray("errors").addObject().put("message", "gateway threw " + e);
            ours = failed;
        }
        // errors at paths the operation did not select (a field fetched only as a @requires input) are not compared
        ours = withinSelection(ours, truth);
        hive = withinSelection(hive, truth);
        String kind = classify(ours, hive);
        String fault = oursFault(ours, truth);
        if (kind == null) {
            return new Outcome(null, null, null, ours, fault);
        }
        String verdict = truth == null || truth.isMissingNode() ? "?" : classify(ours, truth) == null ? "ours"
                : classify(hive, truth) == null ? "hive" : "neither";
        if (kind.equals("ours-wrong-data") && verdict.equals("ours")) {
            kind = "hive-wrong-data";
        }
        return new Outcome(kind, verdict, signature(kind, ours, hive) + "|model agrees with " + verdict, ours, fault);
    }

    /** The response without errors whose path leaves the model's data (a key the operation did not select). */
    static JsonNode withinSelection(JsonNode response, JsonNode truth) {
        if (truth == null || truth.isMissingNode() || !response.has("errors")) {
            return response;
        }
        ObjectNode copy = response.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode kept = copy.putArray("errors");
        for (JsonNode e : response.get("errors")) {
            if (insideSelection(e.get("path"), truth.get("data"))) {
                kept.add(e);
            }
        }
        if (kept.isEmpty()) {
            copy.remove("errors");
        }
        return copy;
    }

    private static boolean insideSelection(JsonNode path, JsonNode data) {
        if (path == null || !path.isArray()) {
            return true;
        }
        JsonNode node = data;
        for (JsonNode segment : path) {
            if (node == null || node.isNull()) {
                return true;
            }
            if (segment.isInt()) {
                if (!node.isArray()) {
                    return true;
                }
                node = node.get(segment.asInt());
                if (node == null) {
                    return false;
                }
            } else {
                if (!node.isObject()) {
                    return true;
                }
                if (!node.has(segment.asText())) {
                    return false;
                }
                node = node.get(segment.asText());
            }
        }
        return true;
    }

    private static String plan(Gateway gateway, String query) {
        try {
            return gateway.plan(query, null, Map.of()).print();
        } catch (RuntimeException e) {
            return "planning failed: " + e;
        }
    }

    /** The node driver, for one more operation on a live case. */
    record Driver(BufferedWriter in, BufferedReader out) {
        JsonNode ask(Map<String, Object> command) throws IOException {
            in.write(JSON.writeValueAsString(command) + "\n");
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IOException("the fuzz driver exited");
            }
            return JSON.readTree(line);
        }
    }

    // ---------------------------------------------------------------- shrinking

    /**
     * Greedily removes selections (fields, inline fragments, spreads; outermost first) while the difference keeps
     * its signature; unused fragments go too. At most fuzz.minimizeSteps runs.
     */
    static String minimize(Gateway gateway, Driver driver, long seed, String query, Outcome original) throws IOException {
        Document doc = Parser.parse(query);
        int budget = Integer.getInteger("fuzz.minimizeSteps", 150);
        int k = 0;
        while (budget > 0) {
            Document smaller = without(doc, k);
            if (smaller == null) {
                if (k >= countSelections(doc)) {
                    break;
                }
                k++;
                continue;
            }
            budget--;
            String q = AstPrinter.printAst(smaller);
            JsonNode r = driver.ask(Map.of("run", seed, "query", q));
            Outcome o = outcome(gateway, q, r.get("hive"), r.get("truth"));
            // our fault keeps its shape; without one (ours equals the model) the whole signature must stay
            boolean same = original.oursFault() != null ? original.oursFault().equals(o.oursFault())
                    : original.signature().equals(o.signature());
            if (same) {
                doc = smaller;
            } else {
                k++;
            }
        }
        return AstPrinter.printAst(doc);
    }

    private static int countSelections(Document doc) {
        int[] n = {0};
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof OperationDefinition o) {
                countSelections(o.getSelectionSet(), n);
            } else if (d instanceof FragmentDefinition f) {
                countSelections(f.getSelectionSet(), n);
            }
        }
        return n[0];
    }

    private static void countSelections(SelectionSet set, int[] n) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            n[0]++;
            if (s instanceof Field f) {
                countSelections(f.getSelectionSet(), n);
            } else if (s instanceof InlineFragment i) {
                countSelections(i.getSelectionSet(), n);
            }
        }
    }

    /** The document without its target-th selection (depth-first, definitions in order); null when that empties a selection set. */
    static Document without(Document doc, int target) {
        int[] index = {0};
        boolean[] emptied = {false};
        List<Definition> definitions = new ArrayList<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof OperationDefinition o) {
                SelectionSet set = prune(o.getSelectionSet(), target, index, emptied);
                definitions.add(o.transform(b -> b.selectionSet(set)));
            } else if (d instanceof FragmentDefinition f) {
                SelectionSet set = prune(f.getSelectionSet(), target, index, emptied);
                definitions.add(f.transform(b -> b.selectionSet(set)));
            } else {
                definitions.add(d);
            }
        }
        if (emptied[0] || index[0] <= target) {
            return null;
        }
        // drop fragments nothing spreads any more
        boolean changed = true;
        while (changed) {
            Set<String> used = new java.util.HashSet<>();
            for (Definition<?> d : definitions) {
                if (d instanceof OperationDefinition o) {
                    spreads(o.getSelectionSet(), used);
                } else if (d instanceof FragmentDefinition f) {
                    spreads(f.getSelectionSet(), used);
                }
            }
            changed = definitions.removeIf(d -> d instanceof FragmentDefinition f && !used.contains(f.getName()));
        }
        return doc.transform(b -> b.definitions(definitions));
    }

    private static SelectionSet prune(SelectionSet set, int target, int[] index, boolean[] emptied) {
        if (set == null) {
            return null;
        }
        List<Selection> out = new ArrayList<>();
        for (Selection<?> s : set.getSelections()) {
            int me = index[0]++;
            if (me == target) {
                continue;
            }
            if (s instanceof Field f && f.getSelectionSet() != null) {
                SelectionSet inner = prune(f.getSelectionSet(), target, index, emptied);
                out.add(f.transform(b -> b.selectionSet(inner)));
            } else if (s instanceof InlineFragment i) {
                SelectionSet inner = prune(i.getSelectionSet(), target, index, emptied);
                out.add(i.transform(b -> b.selectionSet(inner)));
            } else {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            emptied[0] = true;
        }
        return set.transform(b -> b.selections(out));
    }

    private static void spreads(SelectionSet set, Set<String> used) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof FragmentSpread spread) {
                used.add(spread.getName());
            } else if (s instanceof Field f) {
                spreads(f.getSelectionSet(), used);
            } else if (s instanceof InlineFragment i) {
                spreads(i.getSelectionSet(), used);
            }
        }
    }

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

    /** A stable description of a difference: class, each side's error messages (names and numbers blurred), the data difference. */
    static String signature(String kind, JsonNode ours, JsonNode hive) {
        String data = dataDifference(ours.get("data"), hive.get("data"));
        return kind + "|ours: " + firstMessage(ours) + "|hive: " + firstMessage(hive) + (data == null ? "" : "|data: " + data);
    }

    /** Where a response differs from the model's: the first data path with both values, and the error paths. */
    static String whereDifferent(JsonNode response, JsonNode model) {
        List<String> out = new ArrayList<>();
        String path = firstDifferentPath(response.get("data"), model.get("data"), "data");
        if (path != null) {
            out.add(path);
        }
        Set<String> got = errorPaths(response);
        Set<String> expected = errorPaths(model);
        if (!got.equals(expected)) {
            Set<String> extra = new TreeSet<>(got);
            extra.removeAll(expected);
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(got);
            out.add("error paths " + (extra.isEmpty() ? "" : "not expected " + extra + " ") + (missing.isEmpty() ? "" : "missing " + missing));
        }
        return out.isEmpty() ? "same" : String.join("; ", out);
    }

    private static String firstDifferentPath(JsonNode a, JsonNode b, String path) {
        JsonNode x = a == null ? JSON.nullNode() : a;
        JsonNode y = b == null ? JSON.nullNode() : b;
        if (sameData(x, y)) {
            return null;
        }
        if (x.isArray() && y.isArray() && x.size() == y.size()) {
            for (int i = 0; i < x.size(); i++) {
                String d = firstDifferentPath(x.get(i), y.get(i), path + "." + i);
                if (d != null) {
                    return d;
                }
            }
        }
        if (x.isObject() && y.isObject()) {
            Set<String> names = new TreeSet<>();
            x.fieldNames().forEachRemaining(names::add);
            y.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                if (!x.has(f) || !y.has(f)) {
                    return "`" + path + "." + f + "` " + (x.has(f) ? "not expected" : "missing");
                }
                String d = firstDifferentPath(x.get(f), y.get(f), path + "." + f);
                if (d != null) {
                    return d;
                }
            }
        }
        String xs = x.toString();
        String ys = y.toString();
        return "`" + path + "` is " + (xs.length() > 200 ? xs.substring(0, 200) + "…" : xs) + ", expected "
                + (ys.length() > 200 ? ys.substring(0, 200) + "…" : ys);
    }

    /** The first difference between the two data trees, as a shape (no names or values); null when equal. */
    static String dataDifference(JsonNode ours, JsonNode hive) {
        return dataDifference(ours, hive, "ours", "hive");
    }

    static String dataDifference(JsonNode first, JsonNode second, String an, String bn) {
        JsonNode a = first == null ? JSON.nullNode() : first;
        JsonNode b = second == null ? JSON.nullNode() : second;
        if (sameData(a, b)) {
            return null;
        }
        if (a.isNull() != b.isNull()) {
            return a.isNull() ? an + " null, " + bn + " a value" : bn + " null, " + an + " a value";
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                // the generated subgraphs never return a list of more than 3 items
                if (b.size() > 3 && a.size() <= 3) {
                    return bn + " list longer than any subgraph returns";
                }
                if (a.size() > 3 && b.size() <= 3) {
                    return an + " list longer than any subgraph returns";
                }
                if (a.size() > 0 && b.size() > a.size() && b.size() % a.size() == 0) {
                    return bn + " list a multiple of " + an;
                }
                return "list lengths differ";
            }
            for (int i = 0; i < a.size(); i++) {
                String d = dataDifference(a.get(i), b.get(i), an, bn);
                if (d != null) {
                    return d;
                }
            }
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!b.has(f)) {
                    return "field missing in " + bn;
                }
                String d = dataDifference(a.get(f), b.get(f), an, bn);
                if (d != null) {
                    return d;
                }
            }
            return "field missing in " + an;
        }
        if (a.isContainerNode() != b.isContainerNode() || a.isArray() != b.isArray()) {
            return "shapes differ";
        }
        return "values differ";
    }

    /** How our answer departs from the model's (error messages the model does not have, the data difference); null when it does not. */
    static String oursFault(JsonNode ours, JsonNode truth) {
        if (truth == null || truth.isMissingNode() || classify(ours, truth) == null) {
            return null;
        }
        Set<String> messages = new TreeSet<>();
        Set<String> expected = new TreeSet<>();
        for (JsonNode e : truth.path("errors")) {
            expected.add(normalize(e.path("message").asText()).replace('|', '/'));
        }
        for (JsonNode e : ours.path("errors")) {
            String m = normalize(e.path("message").asText()).replace('|', '/');
            if (!expected.contains(m)) {
                messages.add(m);
            }
        }
        String data = dataDifference(ours.get("data"), truth.get("data"), "ours", "model");
        return "ours vs model|errors: " + (messages.isEmpty() ? "-" : String.join(" + ", messages))
                + "|data: " + (data == null ? "same" : data) + (errorPaths(ours).equals(errorPaths(truth)) ? "" : "|error paths differ");
    }

    /** The distinct error messages of a response, normalized and sorted, joined by " + "; "-" without errors. */
    private static String firstMessage(JsonNode response) {
        Set<String> messages = new TreeSet<>();
        for (JsonNode e : response.path("errors")) {
            messages.add(normalize(e.path("message").asText()).replace('|', '/'));
        }
        return messages.isEmpty() ? "-" : String.join(" + ", messages);
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
                                 String plan, JsonNode ours, JsonNode hive, JsonNode truth) throws IOException {
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
        md.append(kind.startsWith("minimized") ? "### Minimized, same fault: " : "## Operation #" + operation + ": ").append(kind).append("\n\nSignature: `")
                .append(signature).append("`\n\n");
        if (query != null) {
            md.append("```graphql\n").append(query).append("\n```\n\n");
            md.append("Ours:\n\n```json\n").append(PRETTY.writeValueAsString(ours)).append("\n```\n\n");
            md.append("Hive:\n\n```json\n").append(PRETTY.writeValueAsString(hive)).append("\n```\n\n");
            if (truth != null && !truth.isMissingNode()) {
                md.append("Ours vs model: ").append(whereDifferent(ours, truth)).append("  \nHive vs model: ")
                        .append(whereDifferent(hive, truth)).append("\n\n");
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
