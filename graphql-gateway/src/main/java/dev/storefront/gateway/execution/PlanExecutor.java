package dev.storefront.gateway.execution;

import dev.storefront.gateway.json.JsonObject;
import dev.storefront.gateway.merge.DataMerger;
import dev.storefront.gateway.plan.FetchNode;
import dev.storefront.gateway.plan.NormalizedField;
import dev.storefront.gateway.plan.PlanNode;
import dev.storefront.gateway.plan.QueryPlan;
import dev.storefront.gateway.supergraph.Supergraph;
import dev.storefront.gateway.tracing.GatewayTracing;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes a plan against the subgraphs. HTTP calls of a Parallel step overlap; reading and
 * writing the shared data tree happens under one lock, which is cheap next to network time.
 * A Flatten collects its objects when it starts, which in a Sequence is after every fetch it
 * depends on has merged (the planner's layout guarantees that); fetches of other branches may
 * merge at the same time, but the lock keeps each collect and each merge whole.
 */
public final class PlanExecutor {
    private final Supergraph supergraph;
    private final SubgraphClient client;
    private final DataMerger merger;
    private final GatewayTracing tracing;

    public PlanExecutor(Supergraph supergraph, SubgraphClient client, GatewayTracing tracing) {
        this.supergraph = supergraph;
        this.client = client;
        this.merger = new DataMerger(supergraph.apiSchema());
        this.tracing = tracing;
    }

    private final class Run {
        final Map<String, Object> data = new JsonObject();
        final List<Map<String, Object>> errors = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Object> variables;
        final Map<String, String> headers;
        final SpanContext parentSpan;
        final QueryPlan plan;
        final RequestDeadline deadline;

        Run(QueryPlan plan, Map<String, Object> variables, Map<String, String> headers, SpanContext parentSpan,
            RequestDeadline deadline) {
            this.plan = plan;
            this.deadline = deadline;
            this.variables = variables;
            this.headers = headers;
            this.parentSpan = parentSpan;
        }
    }

    /**
     * @param headers    client headers forwarded to every subgraph (Authorization, trace context)
     * @param parentSpan the request's server span, parent of the fetch spans; null without tracing
     */
    public ExecutionResult execute(QueryPlan plan, Map<String, Object> variables, Map<String, String> headers,
                                   SpanContext parentSpan) {
        return execute(plan, variables, headers, parentSpan, client.startDeadline(null));
    }

    /**
     * @param deadline the client request's deadline: every fetch of the plan keeps to it
     */
    public ExecutionResult execute(QueryPlan plan, Map<String, Object> variables, Map<String, String> headers,
                                   SpanContext parentSpan, RequestDeadline deadline) {
        Run run = new Run(plan, variables, headers, parentSpan, deadline);
        if (plan.root() != null) {
            execute(plan.root(), run);
        }
        return new ExecutionResult(run.data, new ArrayList<>(run.errors));
    }

    private void execute(PlanNode node, Run run) {
        switch (node) {
            case PlanNode.Sequence s -> s.nodes().forEach(n -> execute(n, run));
            case PlanNode.Parallel p -> {
                try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> futures = p.nodes().stream()
                            .map(n -> threads.submit(() -> execute(n, run))).<Future<?>>map(f -> f).toList();
                    for (Future<?> f : futures) {
                        try {
                            f.get();
                        } catch (Exception e) {
                            run.errors.add(error("Plan step failed: " + e.getMessage(), null, null, "INTERNAL_SERVER_ERROR"));
                        }
                    }
                }
            }
            case PlanNode.Fetch f -> rootFetch(f.fetch(), run);
            case PlanNode.Flatten f -> entityFetch(f.fetch(), run);
        }
    }

    private Map<String, Object> forwardedVariables(FetchNode fetch, Run run) {
        Map<String, Object> forwarded = new LinkedHashMap<>();
        for (String name : fetch.variableNames()) {
            if (run.variables.containsKey(name)) {
                forwarded.put(name, run.variables.get(name));
            }
        }
        return forwarded;
    }

    /** One subgraph request, inside a client span when tracing is on. */
    private Map<String, Object> send(FetchNode fetch, Map<String, Object> variables, int representations, Run run)
            throws SubgraphClient.SubgraphException {
        String url = supergraph.subgraph(fetch.subgraph()).url();
        if (!tracing.enabled()) {
            return client.post(fetch.subgraph(), url, fetch.operation(), variables, run.headers, !fetch.isMutation(),
                    run.deadline);
        }
        Span span = tracing.startFetch(run.parentSpan, fetch.subgraph(), run.plan.operation().name(),
                fetch.isMutation() ? "mutation" : "query", representations);
        try {
            return client.post(fetch.subgraph(), url, fetch.operation(), variables, tracing.inject(span, run.headers),
                    !fetch.isMutation(), run.deadline);
        } catch (SubgraphClient.SubgraphException e) {
            span.tag("error.code", e.code());
            span.status(Span.Status.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    @SuppressWarnings("unchecked")
    private void rootFetch(FetchNode fetch, Run run) {
        try {
            Map<String, Object> response = send(fetch, forwardedVariables(fetch, run), 0, run);
            synchronized (run.data) {
                if (response.get("data") instanceof Map<?, ?> data) {
                    merger.merge(run.data, fetch.restoreAliases((Map<String, Object>) data));
                }
            }
            if (response.get("errors") instanceof List<?> errors) {
                for (Object e : errors) {
                    if (e instanceof Map<?, ?> m) {
                        run.errors.add(subgraphError((Map<String, Object>) m, fetch.subgraph(), pathOf(m), List.of()));
                    }
                }
            }
        } catch (SubgraphClient.SubgraphException e) {
            for (String key : fetch.rootResponseKeys()) {
                run.errors.add(error(e.getMessage(), List.of(key), fetch.subgraph(), e.code()));
            }
        }
    }

    /** An object found at the merge path, with its concrete response path. */
    private record Target(Map<String, Object> object, List<Object> path) {
    }

    @SuppressWarnings("unchecked")
    private void entityFetch(FetchNode fetch, Run run) {
        List<Map<String, Object>> representations = new ArrayList<>();
        List<List<Target>> targetsByRepresentation = new ArrayList<>();
        synchronized (run.data) {
            List<Target> targets = new ArrayList<>();
            collect(run.data, fetch.mergePath(), 0, new ArrayList<>(), targets);
            Map<Map<String, Object>, Integer> index = new HashMap<>();
            for (Target target : targets) {
                Map<String, Object> representation = representation(fetch, target.object());
                if (representation == null) {
                    continue;
                }
                Integer i = index.get(representation);
                if (i == null) {
                    i = representations.size();
                    index.put(representation, i);
                    representations.add(representation);
                    targetsByRepresentation.add(new ArrayList<>());
                }
                targetsByRepresentation.get(i).add(target);
            }
        }
        if (representations.isEmpty()) {
            return; // nothing reached this position (empty lists, nulls): no request at all
        }
        Map<String, Object> variables = forwardedVariables(fetch, run);
        variables.put("representations", representations);
        Map<String, Object> response;
        try {
            response = send(fetch, variables, representations.size(), run);
        } catch (SubgraphClient.SubgraphException e) {
            run.errors.add(error(e.getMessage(), targetsByRepresentation.getFirst().getFirst().path(), fetch.subgraph(), e.code()));
            // reported once for the whole fetch; the fields stay null rather than unresolved
            synchronized (run.data) {
                targetsByRepresentation.forEach(targets -> targets.forEach(t -> answeredNull(fetch, t.object())));
            }
            return;
        }
        List<Object> entities = response.get("data") instanceof Map<?, ?> data && data.get("_entities") instanceof List<?> list
                ? (List<Object>) list : List.of();
        synchronized (run.data) {
            for (int i = 0; i < targetsByRepresentation.size(); i++) {
                Object entity = i < entities.size() ? entities.get(i) : null;
                List<Target> targets = targetsByRepresentation.get(i);
                if (entity instanceof Map<?, ?> map) {
                    Map<String, Object> answer = fetch.restoreAliases((Map<String, Object>) map);
                    // equal representations were sent once: the last of their objects takes the answer over
                    for (int t = 0; t < targets.size(); t++) {
                        merger.merge(targets.get(t).object(), answer, t < targets.size() - 1);
                    }
                } else {
                    targets.forEach(target -> answeredNull(fetch, target.object()));
                }
            }
        }
        if (response.get("errors") instanceof List<?> errors) {
            for (Object e : errors) {
                if (!(e instanceof Map<?, ?> m)) {
                    continue;
                }
                List<Object> path = pathOf(m);
                if (path != null && path.size() >= 2 && "_entities".equals(path.get(0)) && path.get(1) instanceof Number n
                        && n.intValue() < targetsByRepresentation.size()) {
                    List<Object> rest = path.subList(2, path.size());
                    for (Target target : targetsByRepresentation.get(n.intValue())) {
                        run.errors.add(subgraphError((Map<String, Object>) m, fetch.subgraph(), target.path(), rest));
                    }
                } else {
                    run.errors.add(subgraphError((Map<String, Object>) m, fetch.subgraph(),
                            targetsByRepresentation.getFirst().getFirst().path(), List.of()));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<String> path, int at, List<Object> concretePath, List<Target> into) {
        if (node == null) {
            return;
        }
        if (at == path.size()) {
            if (node instanceof Map<?, ?> map) {
                into.add(new Target((Map<String, Object>) map, List.copyOf(concretePath)));
            } else if (node instanceof List<?> list) {
                // a list below the last path segment (lists of lists are flattened like Apollo's "@")
                for (int i = 0; i < list.size(); i++) {
                    concretePath.add(i);
                    collect(list.get(i), path, at, concretePath, into);
                    concretePath.removeLast();
                }
            }
            return;
        }
        String segment = path.get(at);
        if (segment.equals("@")) {
            if (node instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    concretePath.add(i);
                    collect(list.get(i), path, at + 1, concretePath, into);
                    concretePath.removeLast();
                }
            }
        } else if (node instanceof Map<?, ?> map) {
            concretePath.add(segment);
            collect(map.get(segment), path, at + 1, concretePath, into);
            concretePath.removeLast();
        }
    }

    /**
     * The subgraph had no entity for this object (null in {@code _entities}): the fields it would
     * have written are null, not unresolved. Fields another fetch wrote are kept.
     */
    private void answeredNull(FetchNode fetch, Map<String, Object> object) {
        if (object.get("__typename") instanceof String typename) {
            for (String key : fetch.responseKeysFor(typename, this::isPossibleType)) {
                object.putIfAbsent(key, null);
            }
        }
    }

    private boolean isPossibleType(String typename, String condition) {
        return typename.equals(condition) || supergraph.possibleTypes(condition).contains(typename);
    }

    /**
     * The representation for an object, or null when it does not match the fetch or lacks a key or
     * required field (never sent incomplete: the fields it would fetch stay unresolved, which the
     * response reports as errors).
     */
    private Map<String, Object> representation(FetchNode fetch, Map<String, Object> object) {
        if (!(object.get("__typename") instanceof String typename)) {
            return null;
        }
        for (var entry : fetch.requires().entrySet()) {
            String condition = entry.getKey();
            boolean isInterface = fetch.interfaceConditions().contains(condition);
            if (!(typename.equals(condition) || isInterface && implementsInterface(typename, condition))) {
                continue;
            }
            Map<String, Object> representation = new JsonObject(entry.getValue().size() + 1);
            representation.put("__typename", isInterface ? condition : typename);
            if (!extract(object, entry.getValue(), typename, representation)) {
                return null;
            }
            return representation;
        }
        return null;
    }

    private boolean implementsInterface(String typename, String interfaceName) {
        return supergraph.apiSchema().getType(typename) instanceof graphql.schema.GraphQLObjectType object && object.getInterfaces().stream().anyMatch(i -> i.getName().equals(interfaceName));
    }

    @SuppressWarnings("unchecked")
    private boolean extract(Map<String, Object> object, List<NormalizedField> fields, String typename, Map<String, Object> into) {
        for (NormalizedField field : fields) {
            if (field.isTypename()) {
                continue;
            }
            if (!object.containsKey(field.responseKey())) {
                return false;
            }
            Object value = extractValue(object.get(field.responseKey()), field);
            if (value == INCOMPLETE) {
                return false;
            }
            into.put(field.name(), value);
        }
        return true;
    }

    /** A nested value of a representation that lacks one of its required fields. */
    private static final Object INCOMPLETE = new Object();

    @SuppressWarnings("unchecked")
    private Object extractValue(Object value, NormalizedField field) {
        if (value == null || field.children() == null) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            for (Object item : list) {
                Object extracted = extractValue(item, field);
                if (extracted == INCOMPLETE) {
                    return INCOMPLETE;
                }
                result.add(extracted);
            }
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            String typename = object.get("__typename") instanceof String t ? t : null;
            List<NormalizedField> children = typename != null && field.children().containsKey(typename)
                    ? field.children().get(typename) : field.children().values().iterator().next();
            Map<String, Object> result = new JsonObject(children.size() + 1);
            // the subgraph tells the type of an abstract value by it (or when the field set names it)
            if (typename != null && (supergraph.isAbstract(field.typeName()) || children.stream().anyMatch(NormalizedField::isTypename))) {
                result.put("__typename", typename);
            }
            return extract(object, children, typename, result) ? result : INCOMPLETE;
        }
        return value;
    }

    private static List<Object> pathOf(Map<?, ?> error) {
        return error.get("path") instanceof List<?> p ? new ArrayList<>(p) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subgraphError(Map<String, Object> original, String subgraph, List<Object> base,
                                                     List<Object> rest) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", original.getOrDefault("message", "Subgraph error"));
        if (base != null) {
            List<Object> path = new ArrayList<>(base);
            path.addAll(rest);
            error.put("path", path);
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (original.get("extensions") instanceof Map<?, ?> ext) {
            extensions.putAll((Map<String, Object>) ext);
        }
        extensions.putIfAbsent("code", "DOWNSTREAM_SERVICE_ERROR");
        extensions.put("serviceName", subgraph);
        error.put("extensions", extensions);
        return error;
    }

    static Map<String, Object> error(String message, List<Object> path, String subgraph, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (path != null) {
            error.put("path", path);
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        if (subgraph != null) {
            extensions.put("serviceName", subgraph);
        }
        error.put("extensions", extensions);
        return error;
    }
}
