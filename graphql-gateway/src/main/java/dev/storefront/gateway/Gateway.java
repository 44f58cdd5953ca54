package dev.storefront.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.storefront.gateway.execution.ExecutionResult;
import dev.storefront.gateway.execution.PlanExecutor;
import dev.storefront.gateway.execution.RequestDeadline;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.merge.ResponseShaper;
import dev.storefront.gateway.plan.NField;
import dev.storefront.gateway.plan.NormalizedOperation;
import dev.storefront.gateway.plan.OperationNormalizer;
import dev.storefront.gateway.plan.PlanCache;
import dev.storefront.gateway.plan.PlanningException;
import dev.storefront.gateway.plan.QueryPlan;
import dev.storefront.gateway.plan.QueryPlanner;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.supergraph.OverrideLabels;
import dev.storefront.gateway.supergraph.Supergraph;
import dev.storefront.gateway.tracing.GatewayTracing;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.language.AstPrinter;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.helidon.tracing.SpanContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The gateway pipeline for one request: parse, check the operation limits, validate against the
 * API schema, plan (cached), execute against the subgraphs, shape the response. Every failure
 * becomes a GraphQL error.
 */
public final class Gateway {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final int MAX_TOKENS = 15_000;

    private final Supergraph supergraph;
    private final QueryPlanner planner;
    private final OverrideLabels labels;
    /** percent(x) override labels rolled per request, and a planner per outcome (at most 2^labels). */
    private final Set<String> rolledLabels;
    private final Map<OverrideLabels, QueryPlanner> plannersByLabels = new java.util.concurrent.ConcurrentHashMap<>();
    private final PlanExecutor executor;
    private final ResponseShaper shaper;
    private final PlanCache cache;
    private final GraphQL introspection;
    private final SubgraphClient client;
    private final OperationLimits limits;
    private final PersistedQueries persistedQueries;
    /**
     * Parsed operations by their exact text, with their validation result and printed plan-cache key
     * once known: a repeated operation (the usual case: clients send a fixed set) is parsed, validated
     * and printed once. Operation limits and variables are still checked on every request. Bounded
     * like the plan cache, W-TinyLFU: one-off texts do not evict the storefront's own operations.
     * Syntax errors are not cached.
     */
    private final Cache<String, Prepared> documents;

    private static final class Prepared {
        final Document document;
        final boolean hasConditions;
        volatile List<ValidationError> validation;
        private volatile String printed;

        Prepared(Document document) {
            this.document = document;
            // @skip/@include on a variable: the plan depends on that variable's value
            this.hasConditions = !OperationNormalizer.conditionValues(document, java.util.Collections.emptyMap()).isEmpty();
        }

        String printed() {
            String p = printed;
            if (p == null) {
                p = AstPrinter.printAstCompact(document);
                printed = p;
            }
            return p;
        }
    }

    /** A gateway without operation limits or tracing (planner and execution tests). */
    public Gateway(Supergraph supergraph, SubgraphClient client, OverrideLabels labels, int planCacheSize) {
        this(supergraph, client, labels, planCacheSize, OperationLimits.unlimited(), GatewayTracing.disabled());
    }

    public Gateway(Supergraph supergraph, SubgraphClient client, OverrideLabels labels, int planCacheSize,
                   OperationLimits limits, GatewayTracing tracing) {
        this(supergraph, client, labels, planCacheSize, limits, tracing,
                new PersistedQueries(true, PersistedQueries.DEFAULT_CAPACITY));
    }

    public Gateway(Supergraph supergraph, SubgraphClient client, OverrideLabels labels, int planCacheSize,
                   OperationLimits limits, GatewayTracing tracing, PersistedQueries persistedQueries) {
        this.supergraph = supergraph;
        this.client = client;
        this.limits = limits;
        this.persistedQueries = persistedQueries;
        this.planner = new QueryPlanner(supergraph, labels);
        this.labels = labels;
        this.rolledLabels = supergraph.rolledOverrideLabels();
        this.executor = new PlanExecutor(supergraph, client, tracing);
        this.shaper = new ResponseShaper(supergraph.apiSchema());
        this.cache = new PlanCache(planCacheSize);
        this.documents = Caffeine.newBuilder().maximumSize(Math.max(1, planCacheSize)).executor(Runnable::run) // as PlanCache
                .recordStats().build();
        this.introspection = GraphQL.newGraphQL(supergraph.apiSchema()).build();
    }

    public Supergraph supergraph() {
        return supergraph;
    }

    public PlanCache planCache() {
        return cache;
    }

    public SubgraphClient client() {
        return client;
    }

    public PersistedQueries persistedQueries() {
        return persistedQueries;
    }

    /** Hits and misses of the parsed-operation cache (a miss parses the text). */
    public CacheStats operationCacheStats() {
        return documents.stats();
    }

    public GatewayResponse execute(GraphQLRequest request, boolean includePlan, Map<String, String> forwardHeaders) {
        return execute(request, includePlan, forwardHeaders, null);
    }

    /**
     * @param forwardHeaders client headers sent on to every subgraph
     * @param requestSpan    the server span of this request, parent of the fetch spans; null without tracing
     */
    public GatewayResponse execute(GraphQLRequest request, boolean includePlan, Map<String, String> forwardHeaders,
                                   SpanContext requestSpan) {
        return execute(request, includePlan, forwardHeaders, requestSpan, false);
    }

    /**
     * @param overGet the request came as an HTTP GET: a mutation is answered 405 and not run (a GET
     *                must be safe: links, prefetching and caches repeat it), also when it was sent as
     *                a persisted query hash
     */
    public GatewayResponse execute(GraphQLRequest received, boolean includePlan, Map<String, String> forwardHeaders,
                                   SpanContext requestSpan, boolean overGet) {
        return execute(received, includePlan, forwardHeaders, requestSpan, overGet, client.startDeadline(null));
    }

    /**
     * @param deadline the client request's deadline (one per HTTP request, shared by the entries of
     *                 a batch): every subgraph fetch keeps to it and is told what is left of it
     */
    public GatewayResponse execute(GraphQLRequest received, boolean includePlan, Map<String, String> forwardHeaders,
                                   SpanContext requestSpan, boolean overGet, RequestDeadline deadline) {
        PersistedQueries.Resolution persisted = persistedQueries.resolve(received);
        if (persisted instanceof PersistedQueries.Resolution.Refused refused) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(refused.error()));
            return new GatewayResponse(body, true, false, refused.badRequest() ? 400 : 0);
        }
        GraphQLRequest request = persisted instanceof PersistedQueries.Resolution.Found found
                ? received.withQuery(found.query()) : received;
        if (request.query() == null || request.query().isBlank()) {
            return requestError(List.of(error("Must provide query string.", null)), false);
        }
        Prepared prepared = documents.getIfPresent(request.query());
        if (prepared == null) {
            try {
                prepared = new Prepared(Parser.parse(ParserEnvironment.newParserEnvironment().document(request.query())
                        .parserOptions(ParserOptions.getDefaultOperationParserOptions().transform(o -> o.maxTokens(MAX_TOKENS)))
                        .build()));
            } catch (InvalidSyntaxException e) {
                return requestError(List.of(error(e.getMessage(), e.getLocation())), false);
            }
            documents.put(request.query(), prepared);
        }
        Document document = prepared.document;
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        OperationDefinition operation;
        if (request.operationName() != null && !request.operationName().isEmpty()) {
            operation = operations.stream().filter(o -> request.operationName().equals(o.getName())).findFirst().orElse(null);
            if (operation == null) {
                return requestError(List.of(error("Unknown operation named \"" + request.operationName() + "\".", null)), false);
            }
        } else if (operations.size() == 1) {
            operation = operations.getFirst();
        } else {
            return requestError(List.of(error(operations.isEmpty() ? "No operations found in the document."
                    : "Must provide operation name if query contains multiple operations.", null)), false);
        }
        boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
        if (mutation && overGet) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errors", List.of(error("Mutations are only allowed over POST.", null)));
            return new GatewayResponse(body, true, true, 405);
        }
        Map<String, Object> rawVariables = request.variables() == null ? Map.of() : request.variables();
        var violation = limits.check(supergraph.apiSchema(), supergraph.costs(), document, operation, rawVariables);
        if (violation.isPresent()) {
            Map<String, Object> error = error(violation.get().message(), null);
            error.put("extensions", Map.of("code", violation.get().code()));
            return requestError(List.of(error), mutation);
        }
        List<ValidationError> validation = prepared.validation;
        if (validation == null) {
            // the same text always validates the same way against the one API schema
            validation = new Validator().validateDocument(supergraph.apiSchema(), document, Locale.ENGLISH);
            prepared.validation = validation;
        }
        if (!validation.isEmpty()) {
            return requestError(validation.stream().map(Gateway::toJson).toList(), mutation);
        }
        if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return requestError(List.of(error("Subscriptions are not supported by this gateway.", operation.getSourceLocation())), false);
        }
        if (persisted instanceof PersistedQueries.Resolution.Register registration) {
            // stored once it has parsed and validated (as Apollo Server does): a hash never stands for
            // a text that cannot run; limits and variables are checked on every request anyway
            persistedQueries.register(registration);
        }
        Map<String, Object> coerced;
        try {
            CoercedVariables values = ValuesResolver.coerceVariableValues(supergraph.apiSchema(),
                    operation.getVariableDefinitions(), RawVariables.of(rawVariables), GraphQLContext.getDefault(), Locale.ENGLISH);
            coerced = values.toMap();
        } catch (RuntimeException e) {
            if (e instanceof GraphQLError graphQLError) {
                return requestError(List.of(toJson(graphQLError)), mutation);
            }
            return requestError(List.of(error("Invalid variables: " + e.getMessage(), null)), mutation);
        }

        String cacheKey = prepared.printed() + "\u0000" + operation.getName() + "\u0000"
                + (prepared.hasConditions ? OperationNormalizer.conditionValues(document, coerced) : "{}");
        QueryPlanner planner = this.planner;
        if (!rolledLabels.isEmpty()) {
            OverrideLabels active = labels.rolled(rolledLabels, java.util.concurrent.ThreadLocalRandom.current());
            if (active != labels) {
                planner = plannersByLabels.computeIfAbsent(active, l -> new QueryPlanner(supergraph, l));
                cacheKey += "\u0000" + new java.util.TreeSet<>(active.enabled());
            }
        }
        QueryPlanner chosen = planner;
        QueryPlan plan;
        try {
            plan = cache.get(cacheKey, () -> chosen.plan(
                    OperationNormalizer.normalize(supergraph.apiSchema(), document, operation, coerced)));
        } catch (PlanningException e) {
            return requestError(List.of(planningError(e.getMessage(), operation, "QUERY_PLANNING_FAILED")), mutation);
        } catch (StackOverflowError e) {
            // the planner recursed without end on some supergraph shape: a bug, but one operation's,
            // not the server's (the stack is unwound here); the plan cache keeps nothing for it
            String text = prepared.printed();
            LOG.log(System.Logger.Level.WARNING, "Planning ran out of stack for operation " + operation.getName()
                    + ": " + (text.length() > 500 ? text.substring(0, 500) + "..." : text));
            return requestError(List.of(planningError("Internal gateway error: the query planner ran out of stack "
                    + "planning this operation", operation, "INTERNAL_SERVER_ERROR")), mutation);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Planning failed for operation " + operation.getName(), e);
            return requestError(List.of(planningError("Internal gateway error while planning the operation: "
                    + e.getClass().getSimpleName(), operation, "INTERNAL_SERVER_ERROR")), mutation);
        }

        // variables with default values the client omitted are sent as the subgraph operation declares them
        ExecutionResult result = executor.execute(plan, rawVariables, forwardHeaders, requestSpan, deadline);
        Map<String, Object> raw = result.data();
        List<Map<String, Object>> errors = new ArrayList<>(result.errors());
        answerIntrospection(plan.operation(), request, raw, errors);
        ResponseShaper.Shaped shaped = shaper.shape(plan.operation(), raw, errors);

        Map<String, Object> body = new LinkedHashMap<>();
        if (!shaped.errors().isEmpty()) {
            body.put("errors", shaped.errors());
        }
        body.put("data", shaped.data());
        if (includePlan) {
            body.put("extensions", Map.of("queryPlan", plan.print()));
        }
        return new GatewayResponse(body, false, mutation);
    }

    /** Plans an operation without executing it (tests, debugging). */
    public QueryPlan plan(String query, String operationName, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .filter(o -> operationName == null || operationName.equals(o.getName())).findFirst().orElseThrow();
        CoercedVariables values = ValuesResolver.coerceVariableValues(supergraph.apiSchema(),
                operation.getVariableDefinitions(), RawVariables.of(variables), GraphQLContext.getDefault(), Locale.ENGLISH);
        return planner.plan(OperationNormalizer.normalize(supergraph.apiSchema(), document, operation, values.toMap()));
    }

    /** {@code __schema} and {@code __type} are answered from the API schema by graphql-java itself. */
    @SuppressWarnings("unchecked")
    private void answerIntrospection(NormalizedOperation operation, GraphQLRequest request, Map<String, Object> raw,
                                     List<Map<String, Object>> errors) {
        List<NField> introspectionFields = operation.fields().stream().filter(NField::isIntrospection).toList();
        if (introspectionFields.isEmpty()) {
            return;
        }
        var result = introspection.execute(ExecutionInput.newExecutionInput(request.query())
                .operationName(request.operationName())
                // aliased __type lookups are legitimate; size is already bounded by the parser's token limit
                .graphQLContext(Map.of(graphql.introspection.GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true))
                .variables(request.variables() == null ? Map.of() : request.variables()).build());
        Map<String, Object> data = result.getData();
        for (NField field : introspectionFields) {
            raw.put(field.responseKey(), data == null ? null : data.get(field.responseKey()));
        }
        for (GraphQLError e : result.getErrors()) {
            if (e.getPath() != null && !e.getPath().isEmpty() && introspectionFields.stream()
                    .anyMatch(f -> f.responseKey().equals(e.getPath().getFirst()))) {
                errors.add(toJson(e));
            }
        }
    }

    private static GatewayResponse requestError(List<Map<String, Object>> errors, boolean mutation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", errors);
        return new GatewayResponse(body, true, mutation);
    }

    /** An operation that cannot be planned: a request error at the operation, with a code saying why. */
    private static Map<String, Object> planningError(String message, OperationDefinition operation, String code) {
        Map<String, Object> error = error(message, operation.getSourceLocation());
        error.put("extensions", Map.of("code", code));
        return error;
    }

    static Map<String, Object> error(String message, SourceLocation location) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", capEchoedNames(message));
        if (location != null && location.getLine() > 0) {
            error.put("locations", List.of(Map.of("line", location.getLine(), "column", location.getColumn())));
        }
        return error;
    }

    /** Longest name echoed back in an error message; longer ones are cut (a client may send megabytes). */
    static final int MAX_ECHOED_NAME = 100;
    private static final java.util.regex.Pattern LONG_NAME = java.util.regex.Pattern.compile(
            "[_A-Za-z][_0-9A-Za-z]{" + MAX_ECHOED_NAME + ",}");

    /** The message with every name longer than {@link #MAX_ECHOED_NAME} cut, saying how long it was. */
    static String capEchoedNames(String message) {
        if (message == null || message.length() <= MAX_ECHOED_NAME) {
            return message;
        }
        return LONG_NAME.matcher(message).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group().substring(0, MAX_ECHOED_NAME) + "... (" + m.group().length() + " characters)"));
    }

    private static Map<String, Object> toJson(GraphQLError e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", capEchoedNames(e.getMessage()));
        if (e.getLocations() != null && !e.getLocations().isEmpty()) {
            error.put("locations", e.getLocations().stream()
                    .map(l -> Map.of("line", l.getLine(), "column", l.getColumn())).toList());
        }
        if (e.getPath() != null && !e.getPath().isEmpty()) {
            error.put("path", e.getPath());
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (e instanceof ValidationError) {
            extensions.put("code", "GRAPHQL_VALIDATION_FAILED");
        } else if (e.getExtensions() != null) {
            extensions.putAll(e.getExtensions());
        }
        if (!extensions.isEmpty()) {
            error.put("extensions", extensions);
        }
        return error;
    }
}
