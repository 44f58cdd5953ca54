package dev.storefront.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.Gateway;
import dev.storefront.gateway.GraphQLRequest;
import dev.storefront.gateway.OperationPreparation;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.plan.OperationNormalizer;
import dev.storefront.gateway.plan.PlanCache;
import dev.storefront.gateway.plan.QueryPlan;
import dev.storefront.gateway.plan.QueryPlanner;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.supergraph.OverrideLabels;
import dev.storefront.gateway.supergraph.Supergraph;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Query-planning time of the gateway, per corpus of (supergraph, operations), one thread, no HTTP
 * and no subgraphs. Two measurements per operation:
 * <ul>
 *   <li><b>cold</b>: {@code OperationNormalizer.normalize} + {@code QueryPlanner.plan} on an already
 *       parsed, validated operation with coerced variables: what a plan-cache miss costs;</li>
 *   <li><b>cache hit</b>: what {@code Gateway.execute} does for a request before execution once the
 *       operation is known ({@link #planThroughGateway}): parsed-operation cache lookup, operation selection,
 *       operation limits, cached validation, variable coercion, plan-cache key and plan-cache hit.</li>
 * </ul>
 * A warm-up over every corpus and operation (excluded) comes first; then each corpus is measured
 * in rounds, each round one sample of every operation in corpus order, so every operation weighs
 * the same in the percentiles (also in the total, which pools all corpora's samples).
 *
 * <p>Corpora: the shop fixture ({@code DifferentialTest.OPERATIONS}), the storefront supergraph
 * (bench/queries, a structural walk of its API schema as e2e's OperationCorpus writes it, and the
 * hand-written storefront operations of e2e's GatewayDifferentialTest) and, when present, every
 * family of {@code graphql-gateway/src/test/conformance/<family>/{supergraph.graphql,operations.json}}.
 * Operations the gateway would refuse (syntax, validation, limits, planning errors) are listed as
 * skipped and not timed.
 *
 * <p>Run by {@code bench/plan-time}; arguments: {@code --root DIR --label L --out FILE --csv FILE
 * --warmup N --cold-rounds N --hit-rounds N --only SUBSTRING}, or {@code --compare BEFORE.md AFTER.md OUT.md}.
 */
public final class PlanTimeBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** GatewayConfig's default operation limits (GATEWAY_MAX_DEPTH ... unset). */
    private static final OperationLimits DEFAULT_LIMITS = new OperationLimits(15, 30, OperationLimits.DEFAULT_MAX_COST, 10, true);
    private static final String SUMMARY_HEADER = "| corpus | supergraph | operations | skipped | cold median µs | cold p90 µs "
            + "| cold p99 µs | cold ops/s | cache-hit median µs | cache-hit p90 µs | cache-hit p99 µs | cache-hit ops/s |";

    /** Keeps results alive so the JIT cannot drop the work. */
    private static volatile int sink;

    record Op(String name, String query, String operationName, Map<String, Object> variables) {
    }

    record Corpus(String name, String supergraphPath, List<Op> ops) {
    }

    /** An operation ready to time: what the cold path starts from, and the request the hit path gets. */
    record Ready(Op op, Document document, OperationDefinition definition, Map<String, Object> coerced,
                 GraphQLRequest request, String planText) {
    }

    record Skipped(String corpus, String operation, String reason) {
    }

    /** Samples in nanoseconds, [operation][round]. */
    record Measured(Corpus corpus, List<Ready> ready, long[][] cold, long[][] hit, long hitPathMisses) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--compare")) {
                compare(Path.of(args[i + 1]), Path.of(args[i + 2]), Path.of(args[i + 3]));
                return;
            }
            options.put(args[i].replaceFirst("^--", ""), args[++i]);
        }
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        String label = options.getOrDefault("label", "latest");
        Path out = Path.of(options.getOrDefault("out", root.resolve("bench/results/plan-time.md").toString()));
        Path csv = options.containsKey("csv") ? Path.of(options.get("csv")) : null;
        int warmupRounds = Integer.parseInt(options.getOrDefault("warmup", "200"));
        double warmupSeconds = Double.parseDouble(options.getOrDefault("warmup-seconds", "10"));
        int coldRounds = Integer.parseInt(options.getOrDefault("cold-rounds", "500"));
        int hitRounds = Integer.parseInt(options.getOrDefault("hit-rounds", "5000"));
        String only = options.get("only");
        String loadAtStart = loadAverage();

        List<Corpus> corpora = new ArrayList<>(corpora(root));
        if (only != null) {
            corpora.removeIf(c -> !c.name().contains(only));
        }
        List<Skipped> skipped = new ArrayList<>();
        Map<Corpus, Setup> setups = new LinkedHashMap<>();
        for (Corpus corpus : corpora) {
            setups.put(corpus, prepare(root, corpus, skipped));
        }

        long start = System.nanoTime();
        System.err.printf(Locale.ROOT, "warm-up: at least %d rounds and %.0f s over %d operations in %d corpora%n", warmupRounds,
                warmupSeconds, setups.values().stream().mapToInt(s -> s.ready.size()).sum(), setups.size());
        int warmup = 0;
        for (; warmup < warmupRounds || System.nanoTime() - start < warmupSeconds * 1e9; warmup++) {
            for (Setup setup : setups.values()) {
                for (Ready ready : setup.ready) {
                    cold(setup, ready);
                    hit(setup, ready);
                }
            }
        }
        List<Measured> results = new ArrayList<>();
        for (Setup setup : setups.values()) {
            System.gc();
            long[][] cold = new long[setup.ready.size()][coldRounds];
            for (int round = 0; round < coldRounds; round++) {
                for (int i = 0; i < setup.ready.size(); i++) {
                    cold[i][round] = cold(setup, setup.ready.get(i));
                }
            }
            System.gc();
            long missesBefore = setup.gateway.planCache().misses() + setup.gateway.operationCacheStats().missCount();
            long[][] hit = new long[setup.ready.size()][hitRounds];
            for (int round = 0; round < hitRounds; round++) {
                for (int i = 0; i < setup.ready.size(); i++) {
                    hit[i][round] = hit(setup, setup.ready.get(i));
                }
            }
            long misses = setup.gateway.planCache().misses() + setup.gateway.operationCacheStats().missCount() - missesBefore;
            results.add(new Measured(setup.corpus, setup.ready, cold, hit, misses));
            System.err.printf(Locale.ROOT, "%-28s %4d ops  cold median %8.1f µs  cache-hit median %6.2f µs%n",
                    setup.corpus.name(), setup.ready.size(), micros(percentile(all(cold), 50)), micros(percentile(all(hit), 50)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String report = report(label, root, results, skipped, warmup, warmupSeconds, coldRounds, hitRounds, loadAtStart, loadAverage(), seconds);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        if (csv != null) {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            Files.writeString(csv, csv(results));
        }
        System.out.print(report);
        System.err.println("wrote " + out + (csv == null ? "" : " and " + csv) + (sink == 42 ? "" : ""));
    }

    // ---------------------------------------------------------------- measuring

    private static final class Setup {
        final Corpus corpus;
        final Supergraph supergraph;
        final GraphQLSchema api;
        final QueryPlanner planner;
        final Gateway gateway;
        final List<Ready> ready = new ArrayList<>();

        Setup(Corpus corpus, Supergraph supergraph, int operations) {
            this.corpus = corpus;
            this.supergraph = supergraph;
            this.api = supergraph.apiSchema();
            this.planner = new QueryPlanner(supergraph, OverrideLabels.NONE);
            // caches large enough that every operation of the corpus stays in them (the gateway's default is 1000)
            this.gateway = Gateway.builder(supergraph, new SubgraphClient(Duration.ofSeconds(2), Map.of()))
                    .planCacheSize(Math.max(1000, 2 * operations)).limits(DEFAULT_LIMITS).build();
        }
    }

    private static long cold(Setup setup, Ready ready) {
        long t0 = System.nanoTime();
        QueryPlan plan = setup.planner.plan(OperationNormalizer.normalize(setup.api, ready.document, ready.definition, ready.coerced));
        long t1 = System.nanoTime();
        sink += System.identityHashCode(plan);
        return t1 - t0;
    }

    private static long hit(Setup setup, Ready ready) {
        long t0 = System.nanoTime();
        QueryPlan plan = planThroughGateway(setup.gateway, ready.request);
        long t1 = System.nanoTime();
        sink += System.identityHashCode(plan);
        return t1 - t0;
    }

    /** Parses, validates and plans every operation once (cold and through {@link #planThroughGateway}); refused ones are skipped. */
    private static Setup prepare(Path root, Corpus corpus, List<Skipped> skipped) throws IOException {
        Supergraph supergraph = Supergraph.parse(Files.readString(root.resolve(corpus.supergraphPath())));
        Setup setup = new Setup(corpus, supergraph, corpus.ops().size());
        for (Op op : corpus.ops()) {
            try {
                Document document = Parser.parse(op.query());
                OperationDefinition definition = document.getDefinitionsOfType(OperationDefinition.class).stream()
                        .filter(o -> op.operationName() == null || op.operationName().equals(o.getName())).findFirst()
                        .orElseThrow(() -> new Refused("no operation " + op.operationName()));
                GraphQLRequest request = new GraphQLRequest(op.query(), op.operationName(), op.variables(), null);
                // through the gateway's own front half first: refuses what the gateway would refuse
                QueryPlan viaFront = planThroughGateway(setup.gateway, request);
                CoercedVariables values = ValuesResolver.coerceVariableValues(setup.api, definition.getVariableDefinitions(),
                        RawVariables.of(op.variables()), GraphQLContext.getDefault(), Locale.ENGLISH);
                Map<String, Object> coerced = values.toMap();
                QueryPlan cold = setup.planner.plan(OperationNormalizer.normalize(setup.api, document, definition, coerced));
                if (!cold.print().equals(viaFront.print())) {
                    throw new IllegalStateException("the cached plan differs from a cold plan of the same operation");
                }
                setup.ready.add(new Ready(op, document, definition, coerced, request, cold.print()));
            } catch (Refused e) {
                skipped.add(new Skipped(corpus.name(), op.name(), e.getMessage()));
            } catch (RuntimeException | StackOverflowError e) {
                String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
                skipped.add(new Skipped(corpus.name(), op.name(), e.getClass().getSimpleName() + ": "
                        + (message.length() > 160 ? message.substring(0, 160) + "..." : message)));
            }
        }
        return setup;
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What {@code Gateway.execute} does for a request up to the plan, by the gateway itself:
     * {@link Gateway#prepare} (persisted queries, parsed-operation cache, operation selection,
     * limits, validation, coercion, plan key) then {@link Gateway#planFor} (the plan cache).
     * Requests the gateway would answer with errors throw {@link Refused}.
     */
    static QueryPlan planThroughGateway(Gateway gateway, GraphQLRequest request) {
        OperationPreparation.Outcome outcome = gateway.prepare(request, false);
        if (outcome instanceof OperationPreparation.Refused refused) {
            throw new Refused("refused: " + refused.response().body().get("errors"));
        }
        return gateway.planFor((OperationPreparation.Ready) outcome);
    }

    // ---------------------------------------------------------------- corpora

    static List<Corpus> corpora(Path root) throws Exception {
        List<Corpus> corpora = new ArrayList<>();
        corpora.add(new Corpus("shop", "graphql-gateway/src/test/resources/supergraphs/shop.graphql", shopOperations()));
        corpora.add(new Corpus("storefront", "supergraph/supergraph.graphql", storefrontOperations(root)));
        Path conformance = root.resolve("graphql-gateway/src/test/conformance");
        if (Files.isDirectory(conformance)) {
            List<Path> families;
            try (Stream<Path> list = Files.list(conformance)) {
                families = list.filter(f -> Files.isRegularFile(f.resolve("supergraph.graphql"))
                        && Files.isRegularFile(f.resolve("operations.json"))).sorted().toList();
            }
            for (Path family : families) {
                corpora.add(new Corpus("conformance/" + family.getFileName(), root.relativize(family.resolve("supergraph.graphql")).toString(),
                        operationsJson(family.resolve("operations.json"))));
            }
        }
        return corpora;
    }

    /** {@code DifferentialTest.OPERATIONS} (package-private in the gateway's test sources). */
    @SuppressWarnings("unchecked")
    private static List<Op> shopOperations() throws Exception {
        var field = Class.forName("dev.storefront.gateway.DifferentialTest").getDeclaredField("OPERATIONS");
        field.setAccessible(true);
        List<String> texts = (List<String>) field.get(null);
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).replaceAll("\\s+", " ");
            ops.add(new Op("#" + (i + 1) + " `" + (text.length() > 48 ? text.substring(0, 48) + "…" : text) + "`", texts.get(i), null, Map.of()));
        }
        return ops;
    }

    /**
     * operations.json of a conformance family, read leniently: an array (or an object with an
     * {@code operations}/{@code queries}/{@code tests} array) of documents, or of objects with the
     * document under {@code query}/{@code document}/{@code operation}, and optional {@code variables},
     * {@code operationName} and {@code name}/{@code id}.
     */
    @SuppressWarnings("unchecked")
    static List<Op> operationsJson(Path file) throws IOException {
        Object parsed = JSON.readValue(file.toFile(), Object.class);
        if (parsed instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            parsed = Stream.of("operations", "queries", "tests").map(object::get).filter(v -> v instanceof List<?>)
                    .findFirst().orElse(List.of());
        }
        List<Op> ops = new ArrayList<>();
        int index = 0;
        for (Object item : (List<Object>) parsed) {
            index++;
            if (item instanceof String text) {
                ops.add(new Op("op_" + index, text, null, Map.of()));
            } else if (item instanceof Map<?, ?> map) {
                Map<String, Object> entry = (Map<String, Object>) map;
                Object text = Stream.of("query", "document", "operation").map(entry::get).filter(v -> v instanceof String)
                        .findFirst().orElse(null);
                if (text == null) {
                    continue;
                }
                Object name = Stream.of("name", "id", "operationName").map(entry::get).filter(v -> v != null)
                        .findFirst().orElse("op_" + index);
                Object variables = entry.get("variables");
                ops.add(new Op(String.valueOf(name), (String) text, (String) entry.get("operationName"),
                        variables instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of()));
            }
        }
        return ops;
    }

    /** bench/queries, then a structural walk of the API schema, then hand-written storefront operations. */
    @SuppressWarnings("unchecked")
    private static List<Op> storefrontOperations(Path root) throws IOException {
        List<Op> ops = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(root.resolve("bench/queries"))) {
            files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file).replace("__USER_ID__", "user-1").replace("__KEY__", "plan-time");
            Map<String, Object> request = JSON.readValue(text, Map.class);
            ops.add(new Op("bench_" + file.getFileName().toString().replace(".json", ""), (String) request.get("query"),
                    (String) request.get("operationName"),
                    request.get("variables") instanceof Map<?, ?> v ? (Map<String, Object>) v : Map.of()));
        }
        GraphQLSchema api = Supergraph.parse(Files.readString(root.resolve("supergraph/supergraph.graphql"))).apiSchema();
        Map<String, List<Map<String, Object>>> sets = new LinkedHashMap<>();
        // as e2e GatewayDifferentialTest.argumentSets(), one set per distinct set of argument names (values do not change plans)
        sets.put("order", List.of(Map.of("id", "order-1")));
        sets.put("payment", List.of(Map.of("id", "pay-1")));
        sets.put("product", List.of(Map.of("id", "prod-09")));
        sets.put("productBySku", List.of(Map.of("sku", "cst-009")));
        sets.put("products", List.of(Map.of("first", 3), Map.of("first", 2, "after", "cursor"),
                Map.of("first", 4, "filter", Map.of("inStock", true, "maxPrice", 5000))));
        sets.put("me", List.of(Map.of()));
        sets.put("user", List.of(Map.of("id", "user-1")));
        sets.put("users", List.of(Map.of("first", 3)));
        ops.addAll(new Walk(api).generate(sets));
        ops.addAll(HAND_WRITTEN);
        return ops;
    }

    /** e2e GatewayDifferentialTest.storefrontOperations() (the ones the gateway plans). */
    private static final List<Op> HAND_WRITTEN = List.of(
            new Op("ProductListing", """
                    query ProductListing($first: Int, $after: String, $filter: ProductFilterInput) {
                      products(first: $first, after: $after, filter: $filter) {
                        edges { cursor node { id sku name price { amountMinor currency } stock } }
                        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }""", null,
                    Map.of("first", 5, "filter", Map.of("text", "camp"))),
            new Op("ProductDetail", """
                    query ProductDetail($id: ID!) { product(id: $id) { id sku name description stock price { amountMinor currency } }
                      similar: productBySku(sku: "TRS-001") { id name stock } }""", null, Map.of("id", "prod-09")),
            new Op("OrderHistory", """
                    query OrderHistory($id: ID!) { user(id: $id) { name orders(first: 10) { edges { node {
                      id createdAt status trackingNumber total { amountMinor currency }
                      items { quantity lineTotal { amountMinor } product { id name price { amountMinor } stock } }
                      payments { status failureCode amount { amountMinor } refundedAmount { amountMinor } transactions { kind status at } }
                      statusHistory { status reason at } } } pageInfo { hasNextPage endCursor } } } }""", null, Map.of("id", "user-1")),
            new Op("Me", """
                    query Me { me { __typename id email name role createdAt orders(first: 3) { edges { node { id status } } } } }""",
                    null, Map.of()),
            new Op("MeWithSkip", """
                    query MeWithSkip($full: Boolean!) { me { name email @include(if: $full) orders(first: 1) @skip(if: $full) { edges { node { id } } } } }""",
                    null, Map.of("full", false)),
            new Op("CheckoutSummary", """
                    query CheckoutSummary($order: ID!) { order(id: $order) { status total { ...Price } items { product { name } unitPrice { ...Price } }
                      payments { status amount { ...Price } order { id user { name } } } } } fragment Price on Money { amountMinor currency }""",
                    null, Map.of("order", "order-1")),
            new Op("AdminOverview", """
                    query AdminOverview { users(first: 5) { edges { node { id role orders(first: 2) { edges { node { status payments { status } } } } } } }
                      products(first: 2) { edges { node { name } } } }""", null, Map.of()),
            new Op("RootTypename", "query RootTypename { __typename a: __typename product(id: \"prod-09\") { __typename } }", null, Map.of()),
            new Op("FragmentOnQuery", """
                    query FragmentOnQuery { ... on Query { me { id } } ...Catalogue }
                    fragment Catalogue on Query { products(first: 1) { edges { node { name } } } me { name } }""", null, Map.of()),
            new Op("VariableDefaults", """
                    query VariableDefaults($first: Int = 2, $withItems: Boolean = true) { products(first: $first) { edges { node { id } } }
                      me { orders(first: $first) { edges { node { id items @include(if: $withItems) { product { name } } } } } } }""",
                    null, Map.of()),
            new Op("SkippedEntityHop", """
                    query SkippedEntityHop($id: ID!, $no: Boolean!) { order(id: $id) { id payments @skip(if: $no) { status }
                      items { product @include(if: $no) { name } quantity ... on OrderItem @skip(if: $no) { lineTotal { amountMinor } } } } }""",
                    null, Map.of("id", "order-1", "no", true)),
            new Op("SameEntityTwice", """
                    query SameEntityTwice($id: ID!) { order(id: $id) { items { product { name } } items { product { stock price { currency } } } }
                      again: order(id: $id) { user { name } items { product { name } } } }""", null, Map.of("id", "order-1")),
            new Op("NullsInVariables", """
                    query NullsInVariables($filter: ProductFilterInput, $after: String) { products(first: 2, after: $after, filter: $filter) {
                      edges { node { id } } } }""", null, Map.of("filter", Map.of("minPrice", 1000)))
    );

    /**
     * Read-only operations walking an API schema, as e2e's {@code OperationCorpus} writes them (a
     * port onto graphql-java's schema): per Query field and argument set, five shapes (plain,
     * shallow, reversed, aliased, fragments), the deepest walk (up to 5 levels; connections and
     * edges do not count) inside the gateway's default limits.
     */
    static final class Walk {
        private static final int DEEPEST = 5;
        private static final int MAX_NESTING = 15;
        private static final int MAX_ALIASES = 30;
        private static final long MAX_COST = 10_000;
        private static final int DEFAULT_LIST_SIZE = 10;
        private static final int NESTED_PAGE = 2;

        enum Shape { PLAIN, SHALLOW, REVERSED, ALIASED, FRAGMENTS }

        private record TypeRef(String named, boolean object, boolean list, String text) {
        }

        private record Written(String text, long cost, int nesting, int aliases) {
        }

        private final GraphQLSchema schema;

        Walk(GraphQLSchema schema) {
            this.schema = schema;
        }

        List<Op> generate(Map<String, List<Map<String, Object>>> argumentSets) {
            List<Op> ops = new ArrayList<>();
            for (GraphQLFieldDefinition root : schema.getQueryType().getFieldDefinitions()) {
                List<Map<String, Object>> sets = argumentSets.get(root.getName());
                if (sets == null) {
                    if (root.getArguments().stream().anyMatch(a -> GraphQLTypeUtil.isNonNull(a.getType()))) {
                        System.err.println("plan-time: no argument set for Query." + root.getName() + " (needs arguments): left out");
                        continue;
                    }
                    sets = List.of(Map.of());
                }
                for (int set = 0; set < sets.size(); set++) {
                    for (Shape shape : Shape.values()) {
                        Op op = operation(root, sets.get(set), shape, root.getName() + "_" + (set + 1) + "_" + shape);
                        if (op != null) {
                            ops.add(op);
                        }
                    }
                }
            }
            return ops;
        }

        private Op operation(GraphQLFieldDefinition root, Map<String, Object> arguments, Shape shape, String name) {
            List<String> definitions = new ArrayList<>();
            List<String> passed = new ArrayList<>();
            for (GraphQLArgument argument : root.getArguments()) {
                if (arguments.containsKey(argument.getName())) {
                    definitions.add("$" + argument.getName() + ": " + GraphQLTypeUtil.simplePrint(argument.getType()));
                    passed.add(argument.getName() + ": $" + argument.getName());
                } else if (GraphQLTypeUtil.isNonNull(argument.getType())) {
                    return null;
                }
            }
            TypeRef type = typeRef(root.getType());
            String call = root.getName() + (passed.isEmpty() ? "" : "(" + String.join(", ", passed) + ")");
            String head = "query " + name + (definitions.isEmpty() ? "" : "(" + String.join(", ", definitions) + ")");
            if (!type.object()) {
                return new Op(name, head + " { " + call + " }", null, arguments);
            }
            int deepest = shape == Shape.SHALLOW ? 2 : DEEPEST;
            for (int depth = deepest; depth >= 1; depth--) {
                Map<String, String> fragments = new LinkedHashMap<>();
                Written body = select(type.named(), 1, depth, shape, false, fragments);
                String alias = shape == Shape.ALIASED ? "root: " : "";
                boolean hasFirst = root.getArgument("first") != null;
                long cost = 1 + (hasFirst ? sizeOf(arguments.get("first")) : type.list() ? DEFAULT_LIST_SIZE : 1) * body.cost();
                int aliases = body.aliases() + (alias.isEmpty() ? 0 : 1);
                if (cost <= MAX_COST && aliases <= MAX_ALIASES && body.nesting() + 1 <= MAX_NESTING) {
                    StringBuilder document = new StringBuilder(head + " { " + alias + call + " " + body.text() + " }");
                    fragments.forEach((fragmentName, text) -> document.append(' ').append(text));
                    return new Op(name, document.toString(), null, arguments);
                }
            }
            return null;
        }

        private Written select(String typeName, int level, int depth, Shape shape, boolean sized, Map<String, String> fragments) {
            List<GraphQLFieldDefinition> fields = new ArrayList<>(((GraphQLObjectType) schema.getType(typeName)).getFieldDefinitions());
            if (shape == Shape.REVERSED) {
                Collections.reverse(fields);
            }
            List<String> parts = new ArrayList<>();
            long cost = 0;
            int nesting = 1;
            int aliases = 0;
            if (shape == Shape.ALIASED) {
                parts.add("__typename");
                cost++;
            }
            for (GraphQLFieldDefinition field : fields) {
                if (field.getArguments().stream().anyMatch(a -> GraphQLTypeUtil.isNonNull(a.getType()))) {
                    continue;
                }
                TypeRef type = typeRef(field.getType());
                if (!type.object()) {
                    parts.add(field.getName());
                    cost++;
                    continue;
                }
                int next = isWrapper(type.named()) ? level : level + 1;
                if (next > depth) {
                    continue;
                }
                boolean hasFirst = field.getArgument("first") != null;
                List<Integer> sizes = !hasFirst ? List.of(0) : shape == Shape.ALIASED ? List.of(NESTED_PAGE, 1) : List.of(NESTED_PAGE);
                for (int size : sizes) {
                    Written sub = select(type.named(), next, depth, shape, hasFirst && !type.list(), fragments);
                    String alias = shape == Shape.ALIASED ? (size == 1 ? "one_" : "an_") + field.getName() + ": " : "";
                    parts.add(alias + field.getName() + (hasFirst ? "(first: " + size + ")" : "") + " " + sub.text());
                    long multiplier = hasFirst ? size : type.list() && !sized ? DEFAULT_LIST_SIZE : 1;
                    cost += 1 + multiplier * sub.cost();
                    nesting = Math.max(nesting, sub.nesting() + 1);
                    aliases += sub.aliases() + (alias.isEmpty() ? 0 : 1);
                }
            }
            if (shape != Shape.FRAGMENTS) {
                return new Written("{ " + String.join(" ", parts) + " }", cost, nesting, aliases);
            }
            int half = (parts.size() + 1) / 2;
            String body = "{ __typename " + String.join(" ", parts.subList(0, half))
                    + (half < parts.size() ? " ... on " + typeName + " { " + String.join(" ", parts.subList(half, parts.size())) + " }" : "") + " }";
            String name = fragments.entrySet().stream().filter(e -> e.getValue().endsWith(" on " + typeName + " " + body))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (name == null) {
                name = typeName + "Fields" + (fragments.size() + 1);
                fragments.put(name, "fragment " + name + " on " + typeName + " " + body);
            }
            return new Written("{ ..." + name + " }", cost + 1, nesting, aliases);
        }

        private static boolean isWrapper(String type) {
            return type.endsWith("Connection") || type.endsWith("Edge");
        }

        private static int sizeOf(Object first) {
            return first instanceof Number n ? Math.max(1, n.intValue()) : DEFAULT_LIST_SIZE;
        }

        private static TypeRef typeRef(GraphQLType type) {
            GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
            String text = GraphQLTypeUtil.simplePrint(type);
            return new TypeRef(named.getName(), named instanceof GraphQLObjectType, text.contains("["), text);
        }
    }

    // ---------------------------------------------------------------- statistics and report

    private static long[] all(long[][] samples) {
        return Arrays.stream(samples).flatMapToLong(Arrays::stream).toArray();
    }

    /** Nearest-rank percentile; sorts a copy. */
    private static long percentile(long[] samples, double p) {
        if (samples.length == 0) {
            return 0;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }

    private static double opsPerSecond(long[] samples) {
        long total = Arrays.stream(samples).sum();
        return total == 0 ? 0 : samples.length / (total / 1e9);
    }

    private static String row(String corpus, String supergraph, int operations, long skipped, long[] cold, long[] hit) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.0f | %.2f | %.2f | %.2f | %.0f |",
                corpus, supergraph, operations, skipped,
                micros(percentile(cold, 50)), micros(percentile(cold, 90)), micros(percentile(cold, 99)), opsPerSecond(cold),
                micros(percentile(hit, 50)), micros(percentile(hit, 90)), micros(percentile(hit, 99)), opsPerSecond(hit));
    }

    private static String report(String label, Path root, List<Measured> results, List<Skipped> skipped, int warmup, double warmupSeconds,
                                 int coldRounds, int hitRounds, String loadAtStart, String loadAtEnd, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# Query-planning time: ").append(label).append("\n\n");
        md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)).replaceAll("\\.\\d+", ""))
                .append(" at commit ").append(System.getProperty("planbench.commit", "?"))
                .append(" (").append(System.getProperty("planbench.branch", "?")).append(")")
                .append(", by `bench/plan-time`").append(label.equals("latest") ? "" : " --label " + label).append(".\n\n");
        md.append("Machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs; JVM ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", ").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList())).append(".\n");
        md.append("Load average (1/5/15 min): ").append(loadAtStart).append(" at start, ").append(loadAtEnd)
                .append(" at end (other work on the machine shows up in the p99s). ")
                .append(String.format(Locale.ROOT, "Warm-up and measuring took %.0f s.%n%n", seconds));
        md.append(String.format(Locale.ROOT, "One thread. Warm-up: %d rounds (at least %.0f s) over every operation of every corpus, both paths "
                + "(not counted). Then per corpus %d rounds of the cold path and %d of the cache-hit path, a round being one "
                + "sample of each operation; percentiles over all samples of the corpus (each operation weighs the same); "
                + "ops/s = samples / their summed time.%n%n", warmup, warmupSeconds, coldRounds, hitRounds));
        md.append("- **cold**: `OperationNormalizer.normalize` + `QueryPlanner.plan` of an operation already parsed, validated "
                + "and with its variables coerced: the cost of a plan-cache miss.\n");
        md.append("- **cache hit**: the gateway's per-request work before execution when the plan is cached (parsed-operation "
                + "cache, operation selection, operation limits, cached validation, variable coercion, plan-cache key, "
                + "`PlanCache.get` hit); see `PlanTimeBenchmark.planThroughGateway`.\n\n");
        md.append(SUMMARY_HEADER).append("\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<long[]> allCold = new ArrayList<>();
        List<long[]> allHit = new ArrayList<>();
        int totalOps = 0;
        List<long[]> conformanceCold = new ArrayList<>();
        List<long[]> conformanceHit = new ArrayList<>();
        int conformanceOps = 0;
        long conformanceSkipped = 0;
        for (Measured m : results) {
            long skippedHere = skipped.stream().filter(s -> s.corpus().equals(m.corpus().name())).count();
            long[] cold = all(m.cold());
            long[] hit = all(m.hit());
            md.append(row(m.corpus().name(), "`" + m.corpus().supergraphPath() + "`", m.ready().size(), skippedHere, cold, hit)).append("\n");
            allCold.add(cold);
            allHit.add(hit);
            totalOps += m.ready().size();
            if (m.corpus().name().startsWith("conformance/")) {
                conformanceCold.add(cold);
                conformanceHit.add(hit);
                conformanceOps += m.ready().size();
                conformanceSkipped += skippedHere;
            }
        }
        if (conformanceCold.size() > 1) {
            md.append(row("conformance (all families)", "", conformanceOps, conformanceSkipped, concat(conformanceCold), concat(conformanceHit))).append("\n");
        }
        // present in every report whatever corpora exist on the branch: the row to compare across branches
        List<Measured> base = results.stream().filter(m -> !m.corpus().name().startsWith("conformance/")).toList();
        md.append(row("shop + storefront", "", base.stream().mapToInt(m -> m.ready().size()).sum(),
                skipped.stream().filter(s -> !s.corpus().startsWith("conformance/")).count(),
                concat(base.stream().map(m -> all(m.cold())).toList()), concat(base.stream().map(m -> all(m.hit())).toList()))).append("\n");
        md.append(row("**total**", "", totalOps, skipped.size(), concat(allCold), concat(allHit))).append("\n\n");
        long misses = results.stream().mapToLong(Measured::hitPathMisses).sum();
        if (misses > 0) {
            md.append("**Warning**: ").append(misses).append(" cache misses during the cache-hit measurement.\n\n");
        }

        md.append("## Slowest operations to plan\n\n");
        md.append("Per corpus, the (up to) 10 operations with the highest cold median.\n\n");
        md.append("| corpus | operation | fetches | cold median µs | cold p99 µs | cache-hit median µs |\n|---|---|---:|---:|---:|---:|\n");
        for (Measured m : results) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < m.ready().size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Long.compare(percentile(m.cold()[b], 50), percentile(m.cold()[a], 50)));
            for (int i : order.subList(0, Math.min(10, order.size()))) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.2f |%n", m.corpus().name(),
                        m.ready().get(i).op().name(), fetches(m.ready().get(i).planText()),
                        micros(percentile(m.cold()[i], 50)), micros(percentile(m.cold()[i], 99)), micros(percentile(m.hit()[i], 50))));
            }
        }
        md.append("\n## Skipped operations\n\n");
        if (skipped.isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("Refused by the gateway before or while planning (as intended by their corpus, or a planner limitation); not timed.\n\n");
            md.append("| corpus | operation | reason |\n|---|---|---|\n");
            for (Skipped s : skipped) {
                md.append("| ").append(s.corpus()).append(" | ").append(s.operation()).append(" | ")
                        .append(s.reason().replace("|", "\\|")).append(" |\n");
            }
        }
        return md.toString();
    }

    private static int fetches(String planText) {
        int count = 0;
        for (int i = planText.indexOf("Fetch("); i >= 0; i = planText.indexOf("Fetch(", i + 1)) {
            count++;
        }
        return count;
    }

    private static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static String csv(List<Measured> results) {
        StringBuilder csv = new StringBuilder("corpus,operation,cold_median_us,cold_p90_us,cold_p99_us,hit_median_us,hit_p90_us,hit_p99_us\n");
        for (Measured m : results) {
            for (int i = 0; i < m.ready().size(); i++) {
                csv.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.1f,%.1f,%.2f,%.2f,%.2f%n", m.corpus().name(), m.ready().get(i).op().name(),
                        micros(percentile(m.cold()[i], 50)), micros(percentile(m.cold()[i], 90)), micros(percentile(m.cold()[i], 99)),
                        micros(percentile(m.hit()[i], 50)), micros(percentile(m.hit()[i], 90)), micros(percentile(m.hit()[i], 99))));
            }
        }
        return csv.toString();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    // ---------------------------------------------------------------- before/after

    /** The summary tables of two reports side by side, per corpus: after/before of each median and p99. */
    private static void compare(Path before, Path after, Path out) throws IOException {
        Map<String, String[]> a = summary(before);
        Map<String, String[]> b = summary(after);
        StringBuilder md = new StringBuilder("# Query-planning time: " + label(before) + " vs " + label(after) + "\n\n");
        md.append("From `").append(before.getFileName()).append("` and `").append(after.getFileName())
                .append("`; ratio = after / before (below 1 is faster). Check both files' load averages before trusting small changes.\n\n");
        md.append("| corpus | operations | cold median µs | cold p99 µs | cache-hit median µs | cache-hit p99 µs |\n|---|---|---|---|---|---|\n");
        List<String> names = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(names::add);
        for (String name : names) {
            String[] x = a.get(name);
            String[] y = b.get(name);
            md.append("| ").append(name).append(" | ").append(cell(x, y, 3, false))
                    .append(" | ").append(cell(x, y, 5, true)).append(" | ").append(cell(x, y, 7, true))
                    .append(" | ").append(cell(x, y, 9, true)).append(" | ").append(cell(x, y, 11, true)).append(" |\n");
        }
        Files.writeString(out, md.toString());
        System.out.print(md);
        System.err.println("wrote " + out);
    }

    private static String cell(String[] before, String[] after, int column, boolean ratio) {
        String x = before == null ? "–" : before[column].trim();
        String y = after == null ? "–" : after[column].trim();
        if (!ratio || before == null || after == null) {
            return x + " → " + y;
        }
        double r = Double.parseDouble(y) / Double.parseDouble(x);
        return String.format(Locale.ROOT, "%s → %s (%.2fx)", x, y, r);
    }

    private static String label(Path report) throws IOException {
        return Files.readAllLines(report).getFirst().replaceFirst("^# Query-planning time: ", "");
    }

    private static Map<String, String[]> summary(Path report) throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(report)) {
            if (line.equals(SUMMARY_HEADER)) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("|")) {
                String[] cells = line.split("\\|", -1); // cells[1] is the corpus
                rows.put(cells[1].trim(), cells);
            } else if (inTable) {
                break;
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(report + " has no summary table");
        }
        return rows;
    }
}
