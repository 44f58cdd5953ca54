package dev.storefront.gateway;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.storefront.gateway.execution.ExecutionResult;
import dev.storefront.gateway.execution.PlanExecutor;
import dev.storefront.gateway.execution.RequestDeadline;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.merge.ResponseWriter;
import dev.storefront.gateway.plan.NormalizedField;
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
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import static dev.storefront.gateway.GatewayErrors.planningError;
import static dev.storefront.gateway.GatewayErrors.requestError;

/**
 * The gateway pipeline for one request: {@link OperationPreparation} (parse, select, limits,
 * validate, coerce), plan (cached, per rolled override labels), execute against the subgraphs,
 * write the response. Every failure becomes a GraphQL error. Built with {@link #builder}.
 */
public final class Gateway {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    private final Supergraph supergraph;
    private final QueryPlanner planner;
    private final OverrideLabels labels;
    /** labels the supergraph rolls per request ({@code percent(x)}); each outcome plans with its own planner */
    private final Set<String> rolledLabels;
    private final Map<OverrideLabels, QueryPlanner> plannersByLabels = new ConcurrentHashMap<>();
    private final OperationPreparation preparation;
    private final PlanExecutor executor;
    private final ResponseWriter writer;
    private final PlanCache cache;
    private final GraphQL introspection;
    private final SubgraphClient client;
    private final PersistedQueries persistedQueries;
    /** Identical queries in flight share one execution; null when off. */
    private final SharedExecutions sharing;

    /** How to build a gateway; everything but the supergraph and the subgraph client has a default. */
    public static final class Builder {
        private final Supergraph supergraph;
        private final SubgraphClient client;
        private OverrideLabels labels = OverrideLabels.NONE;
        private int planCacheSize = 1000;
        private OperationLimits limits = OperationLimits.unlimited();
        private GatewayTracing tracing = GatewayTracing.disabled();
        private PersistedQueries persistedQueries;
        private boolean shareExecutions = true;

        private Builder(Supergraph supergraph, SubgraphClient client) {
            this.supergraph = Objects.requireNonNull(supergraph, "supergraph");
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Progressive override labels switched on (default none). */
        public Builder overrideLabels(OverrideLabels value) {
            this.labels = value;
            return this;
        }

        /** Plans and parsed operations kept (default 1000 each). */
        public Builder planCacheSize(int value) {
            this.planCacheSize = value;
            return this;
        }

        /** Depth, alias, cost and field limits (default none: planner and execution tests). */
        public Builder limits(OperationLimits value) {
            this.limits = value;
            return this;
        }

        /** Spans for fetches (default off). */
        public Builder tracing(GatewayTracing value) {
            this.tracing = value;
            return this;
        }

        /** Automatic persisted queries (default on, default capacity). */
        public Builder persistedQueries(PersistedQueries value) {
            this.persistedQueries = value;
            return this;
        }

        /** Identical queries in flight at once share one execution (default on; see {@link SharedExecutions}). */
        public Builder shareExecutions(boolean value) {
            this.shareExecutions = value;
            return this;
        }

        public Gateway build() {
            return new Gateway(this);
        }
    }

    public static Builder builder(Supergraph supergraph, SubgraphClient client) {
        return new Builder(supergraph, client);
    }

    private Gateway(Builder settings) {
        this.supergraph = settings.supergraph;
        this.client = settings.client;
        this.persistedQueries = settings.persistedQueries != null ? settings.persistedQueries
                : new PersistedQueries(true, PersistedQueries.DEFAULT_CAPACITY);
        this.labels = settings.labels;
        this.planner = new QueryPlanner(supergraph, labels);
        this.rolledLabels = supergraph.rolledOverrideLabels();
        this.preparation = new OperationPreparation(supergraph, settings.limits, persistedQueries, settings.planCacheSize);
        this.executor = new PlanExecutor(supergraph, client, settings.tracing);
        this.writer = new ResponseWriter(supergraph.apiSchema());
        this.cache = new PlanCache(settings.planCacheSize);
        this.introspection = GraphQL.newGraphQL(supergraph.apiSchema()).build();
        this.sharing = settings.shareExecutions ? new SharedExecutions(client.writes()) : null;
    }

    /** Requests answered by an identical query's execution already in flight (0 when sharing is off). */
    public long sharedExecutions() {
        return sharing == null ? 0 : sharing.sharedCount();
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
        return preparation.stats();
    }

    /** Runs one request through the pipeline: prepare → plan → execute → write. */
    public GatewayResponse execute(ExecutionRequest request) {
        OperationPreparation.Outcome outcome = prepare(request.graphql(), request.overGet());
        if (outcome instanceof OperationPreparation.Refused refused) {
            return refused.response();
        }
        OperationPreparation.Ready operation = (OperationPreparation.Ready) outcome;
        QueryPlan plan;
        try {
            plan = planFor(operation);
        } catch (PlanningException e) {
            return requestError(planningError(e.getMessage(), operation.operation(), "QUERY_PLANNING_FAILED"), operation.mutation());
        } catch (StackOverflowError e) {
            // the planner recursed without end on some supergraph shape: a bug, but one operation's,
            // not the server's (the stack is unwound here); the plan cache keeps nothing for it
            String text = operation.request().query();
            LOG.log(System.Logger.Level.WARNING, "Planning ran out of stack for operation " + operation.operation().getName()
                    + ": " + (text.length() > 500 ? text.substring(0, 500) + "..." : text));
            return requestError(planningError("Internal gateway error: the query planner ran out of stack "
                    + "planning this operation", operation.operation(), "INTERNAL_SERVER_ERROR"), operation.mutation());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Planning failed for operation " + operation.operation().getName(), e);
            return requestError(planningError("Internal gateway error while planning the operation: "
                    + e.getClass().getSimpleName(), operation.operation(), "INTERNAL_SERVER_ERROR"), operation.mutation());
        }
        RequestDeadline deadline = request.deadline() != null ? request.deadline() : client.startDeadline(null);
        if (sharing != null && !operation.mutation() && !request.includePlan()) {
            return sharing.execute(operation.planKey(), operation.rawVariables(), request.forwardHeaders(), deadline,
                    () -> executeAndWrite(operation, plan, request, deadline));
        }
        return executeAndWrite(operation, plan, request, deadline);
    }

    /** The pipeline's first step alone (also the plan-time benchmark's cache-hit path). */
    public OperationPreparation.Outcome prepare(GraphQLRequest request, boolean overGet) {
        return preparation.prepare(request, overGet);
    }

    /**
     * The plan of a prepared operation, from the plan cache or planned now; with progressive
     * override labels rolled for this request, by the planner of that outcome (its own cache key).
     *
     * @throws PlanningException when the operation cannot be planned over this supergraph
     */
    public QueryPlan planFor(OperationPreparation.Ready operation) {
        String cacheKey = operation.planKey();
        QueryPlanner chosen = this.planner;
        if (!rolledLabels.isEmpty()) {
            OverrideLabels active = labels.rolled(rolledLabels, ThreadLocalRandom.current());
            if (active != labels) {
                chosen = plannersByLabels.computeIfAbsent(active, l -> new QueryPlanner(supergraph, l));
                cacheKey += "\u0000" + new TreeSet<>(active.enabled());
            }
        }
        QueryPlanner planner = chosen;
        return cache.get(cacheKey, () -> planner.plan(OperationNormalizer.normalize(supergraph.apiSchema(),
                operation.document(), operation.operation(), operation.coerced())));
    }

    private GatewayResponse executeAndWrite(OperationPreparation.Ready operation, QueryPlan plan, ExecutionRequest request,
                                            RequestDeadline deadline) {
        // variables with default values the client omitted are sent as the subgraph operation declares them
        ExecutionResult result = executor.execute(plan, operation.rawVariables(), request.forwardHeaders(),
                request.requestSpan(), deadline);
        Map<String, Object> raw = result.data();
        List<Map<String, Object>> errors = new ArrayList<>(result.errors());
        answerIntrospection(plan.operation(), operation.request(), raw, errors);
        ResponseWriter.Written written = writer.write(plan.operation(), raw, errors,
                request.includePlan() ? Map.of("queryPlan", plan.print()) : null);
        return GatewayResponse.written(written.body(), !written.errors().isEmpty(), operation.mutation());
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
        List<NormalizedField> introspectionFields = operation.fields().stream().filter(NormalizedField::isIntrospection).toList();
        if (introspectionFields.isEmpty()) {
            return;
        }
        var result = introspection.execute(ExecutionInput.newExecutionInput(request.query())
                .operationName(request.operationName())
                // aliased __type lookups are legitimate; size is already bounded by the parser's token limit
                .graphQLContext(Map.of(graphql.introspection.GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true))
                .variables(request.variables() == null ? Map.of() : request.variables()).build());
        Map<String, Object> data = result.getData();
        for (NormalizedField field : introspectionFields) {
            raw.put(field.responseKey(), data == null ? null : data.get(field.responseKey()));
        }
        for (GraphQLError e : result.getErrors()) {
            if (e.getPath() != null && !e.getPath().isEmpty() && introspectionFields.stream()
                    .anyMatch(f -> f.responseKey().equals(e.getPath().getFirst()))) {
                errors.add(GatewayErrors.toJson(e));
            }
        }
    }

}
