package dev.storefront.gateway.plan;

import dev.storefront.gateway.supergraph.JoinType;
import dev.storefront.gateway.supergraph.OverrideLabels;
import dev.storefront.gateway.supergraph.Supergraph;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans operations over a supergraph. Fields stay in the subgraph currently being called while it
 * can resolve them ({@code @shareable}, {@code @provides}); otherwise the planner jumps to another
 * subgraph through {@code _entities}, first planning the key and {@code @requires} fields that
 * representation needs at the same position (which may itself take further jumps).
 */
public final class QueryPlanner {
    /** Prefix for fields the planner fetches for itself under a name the client already uses. */
    static final String INTERNAL_ALIAS_PREFIX = "__gw_";

    private final Supergraph supergraph;
    private final OverrideLabels labels;
    private final FieldSets fieldSets;

    public QueryPlanner(Supergraph supergraph, OverrideLabels labels) {
        this.supergraph = supergraph;
        this.labels = labels;
        this.fieldSets = new FieldSets(supergraph);
    }

    public QueryPlan plan(NormalizedOperation operation) {
        return new Planning(operation).run();
    }

    /** Where no writers are collected: adding is a no-op. */
    private static final Set<FetchNode> NO_WRITERS = new java.util.AbstractSet<>() {
        @Override
        public boolean add(FetchNode fetch) {
            return false;
        }

        @Override
        public boolean addAll(java.util.Collection<? extends FetchNode> fetches) {
            return false;
        }

        @Override
        public java.util.Iterator<FetchNode> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    };

    /**
     * An object whose fields are being planned: written by {@code fetch} into {@code selection}, of
     * concrete {@code type}, at {@code path}, reached through {@code field} (null at the root).
     */
    private record Frame(FetchNode fetch, FetchSelection selection, String type, List<String> path, NormalizedField field,
                         Provided provided, List<NormalizedField> clientFields) {
    }

    /** State of planning one operation. */
    private final class Planning {
        private final NormalizedOperation operation;
        private final FetchGraph fetchGraph = new FetchGraph();
        private final FieldRouting routing = new FieldRouting(supergraph, labels, fieldSets);
        /** The objects whose fields are being planned, innermost first: where a jump can start from further up. */
        private final ArrayDeque<Frame> frames = new ArrayDeque<>();
        /**
         * Above 0 while key or @requires fields are planned: then every fetch writing part of them is
         * collected (a jump waits for all of them). Client fields need no such set, so none is built.
         */
        private int collecting;

        private Set<FetchNode> writerSet() {
            return collecting > 0 ? new LinkedHashSet<>() : NO_WRITERS;
        }

        /** Plans fields a representation needs, returning every fetch that writes part of them. */
        private Set<FetchNode> planRequirements(FetchNode fetch, FetchSelection target, String type, List<NormalizedField> fields,
                                                List<String> path, Provided provided, List<NormalizedField> clientFields) {
            collecting++;
            try {
                return planFields(fetch, target, type, fields, path, provided, clientFields);
            } finally {
                collecting--;
            }
        }

        /**
         * Per field of the operation (by identity) and subgraph|type answering it: whether everything
         * asked below it can be planned from there. Shared with trial plannings, so a subtree is tried once.
         */
        private final Map<NormalizedField, Map<String, Boolean>> plansBelow;

        Planning(NormalizedOperation operation) {
            this(operation, new IdentityHashMap<>());
        }

        private Planning(NormalizedOperation operation, Map<NormalizedField, Map<String, Boolean>> plansBelow) {
            this.operation = operation;
            this.plansBelow = plansBelow;
        }

        QueryPlan run() {
            String rootType = operation.rootType();
            boolean mutation = operation.kind() == OperationDefinition.Operation.MUTATION;
            List<NormalizedField> planned = operation.fields().stream().filter(f -> !f.isIntrospection() && !f.isTypename()).toList();
            // root fields grouped per subgraph; for mutations only consecutive fields share a fetch (they run in order)
            List<Map.Entry<String, List<NormalizedField>>> groups = new ArrayList<>();
            for (NormalizedField field : planned) {
                List<String> candidates = supergraph.graphsResolving(rootType, field.name(), labels);
                if (candidates.isEmpty()) {
                    throw new PlanningException("No subgraph resolves " + rootType + "." + field.name());
                }
                if (mutation) {
                    var last = groups.isEmpty() ? null : groups.getLast();
                    if (last != null && candidates.contains(last.getKey())) {
                        last.getValue().add(field);
                    } else {
                        groups.add(Map.entry(candidates.getFirst(), new ArrayList<>(List.of(field))));
                    }
                } else {
                    String chosen = cheapestRoot(candidates, rootType, field, groups.stream().map(Map.Entry::getKey).toList());
                    groups.stream().filter(g -> g.getKey().equals(chosen)).findFirst()
                            .orElseGet(() -> {
                                var group = Map.<String, List<NormalizedField>>entry(chosen, new ArrayList<>());
                                groups.add(group);
                                return group;
                            }).getValue().add(field);
                }
            }
            List<PlanNode> perGroup = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                var group = groups.get(g);
                // queries: one step, so every root fetch is in group 0 and later jumps can join them
                FetchNode root = fetchGraph.rootFetch(group.getKey(), mutation ? g : 0);
                frames.push(new Frame(root, root.selection, rootType, List.of(), null, null, group.getValue()));
                planFields(root, root.selection, rootType, group.getValue(), List.of(), null, group.getValue());
                frames.pop();
            }
            fetchGraph.coalesce();
            String kind = mutation ? "mutation" : "query";
            for (FetchNode fetch : fetchGraph.fetches) {
                fetch.finish(fetch.isEntityFetch() ? "query" : kind, operation.name(), operation.variableDefinitions(),
                        rootType, (parent, name) -> supergraph.fieldTypeIn(fetch.subgraph(), parent, name));
            }
            for (int g = 0; g < groups.size(); g++) {
                int group = g;
                perGroup.add(PlanLayout.layout(fetchGraph.fetches.stream().filter(f -> mutation ? f.group() == group : true).toList()));
                if (!mutation) {
                    break;
                }
            }
            // mutation steps one after another: each step's entity fetches finish before the next mutation
            PlanNode root = perGroup.isEmpty() ? null : PlanLayout.sequence(perGroup);
            return new QueryPlan(operation, root);
        }

        /**
         * Of the subgraphs resolving a root field, the one that answers the field's whole selection
         * with the fewest fetches (a subgraph already called for another root field saves one), found
         * by planning the field from each; a subgraph that cannot plan it is passed over. When none
         * can, the first is taken so its planning error is the one reported.
         */
        private String cheapestRoot(List<String> candidates, String rootType, NormalizedField field, List<String> used) {
            if (candidates.size() == 1) {
                return candidates.getFirst();
            }
            String best = null;
            int bestCost = Integer.MAX_VALUE;
            for (String candidate : candidates) {
                Planning trial = new Planning(operation);
                int cost;
                try {
                    FetchNode root = trial.fetchGraph.rootFetch(candidate, 0);
                    trial.frames.push(new Frame(root, root.selection, rootType, List.of(), null, null, List.of(field)));
                    trial.planFields(root, root.selection, rootType, List.of(field), List.of(), null, List.of(field));
                    trial.fetchGraph.coalesce();
                    cost = trial.fetchGraph.fetches.size() - (used.contains(candidate) ? 1 : 0);
                } catch (PlanningException e) {
                    continue;
                }
                if (cost < bestCost) {
                    best = candidate;
                    bestCost = cost;
                }
            }
            return best != null ? best : candidates.getFirst();
        }

        private String mostUseful(List<String> candidates, String type, List<NormalizedField> fields) {
            return candidates.stream().max(Comparator.<String>comparingLong(g -> fields.stream()
                            .filter(f -> supergraph.resolves(g, type, f.name(), labels)).count())
                    .thenComparing(g -> -supergraph.order(g))).orElseThrow();
        }

        /**
         * Plans fields of concrete type {@code type} at {@code path} inside {@code fetch}, writing the
         * subgraph selection into {@code target}. Returns every fetch that writes some of these fields.
         */
        private Set<FetchNode> planFields(FetchNode fetch, FetchSelection target, String type, List<NormalizedField> fields,
                                          List<String> path, Provided provided, List<NormalizedField> clientFields) {
            Set<FetchNode> writers = writerSet();
            List<NormalizedField> remote = new ArrayList<>();
            String graph = fetch.subgraph();
            for (NormalizedField field : fields) {
                if (supergraph.usesContext(type, field.name())) {
                    // the argument would have to be read from an ancestor: refused, never sent without it
                    throw new PlanningException("Cannot plan " + type + "." + field.name()
                            + ": arguments from @context (@fromContext) are not supported by this gateway");
                }
                if (field.isTypename()) {
                    target.field("__typename", "__typename", List.of());
                    writers.add(fetch);
                } else if (supergraph.resolves(graph, type, field.name(), labels)
                        && supergraph.requires(graph, type, field.name()) == null
                        || provided != null && provided.has(field.name())) {
                    FetchSelection.FetchField fetched = target.field(field.responseKey(), field.name(), field.arguments());
                    writers.add(fetch);
                    if (!field.isLeaf()) {
                        Provided childProvided;
                        if (provided != null && provided.has(field.name()) && !supergraph.resolves(graph, type, field.name(), labels)) {
                            childProvided = provided.child(field.name());
                        } else {
                            childProvided = providedBy(graph, type, field);
                        }
                        // requirements below this field (nested key or @requires fields) may come from further fetches
                        writers.addAll(planChildren(fetch, fetched, type, field, childPath(path, type, field), childProvided));
                    }
                } else {
                    remote.add(field);
                }
            }
            for (NormalizedField field : remote) {
                writers.addAll(planJump(fetch, target, type, field, path, provided, clientFields, remote));
            }
            return writers;
        }

        private List<String> childPath(List<String> path, String type, NormalizedField field) {
            List<String> result = new ArrayList<>(path);
            result.add(field.responseKey());
            var definition = supergraph.apiSchema().getType(type) instanceof graphql.schema.GraphQLFieldsContainer container
                    ? container.getFieldDefinition(field.name()) : null;
            if (definition != null) {
                GraphQLType t = definition.getType();
                while (true) {
                    if (t instanceof graphql.schema.GraphQLNonNull nn) {
                        t = nn.getWrappedType();
                    } else if (t instanceof graphql.schema.GraphQLList list) {
                        result.add("@");
                        t = list.getWrappedType();
                    } else {
                        break;
                    }
                }
            }
            return result;
        }

        /**
         * Plans the sub-selection of {@code field} inside {@code fetch}. Type conditions follow the
         * field's type in that subgraph ({@code @join__field(type:)}), which may be narrower than the
         * supergraph's: a concrete type the subgraph cannot return there gets no fragment. Returns
         * every fetch that writes part of the sub-selection.
         */
        private Set<FetchNode> planChildren(FetchNode fetch, FetchSelection.FetchField fetched, String parentType, NormalizedField field,
                                            List<String> path, Provided provided) {
            String graph = fetch.subgraph();
            String subgraphType = supergraph.namedFieldTypeIn(graph, parentType, field.name());
            String returnType = subgraphType != null ? subgraphType : field.typeName();
            FetchSelection selection = fetched.selection();
            selection.field("__typename", "__typename", List.of());
            boolean isAbstract = supergraph.isAbstract(returnType);
            if (isAbstract && supergraph.isInterfaceObject(graph, returnType)) {
                return planInterfaceObjectChildren(fetch, selection, returnType, field, path, provided);
            }
            Set<FetchNode> writers = writerSet();
            for (var entry : field.children().entrySet()) {
                String concrete = entry.getKey();
                Provided forType = provided == null ? null : provided.forType(concrete, fieldSets::implementsOrMember);
                if (!isAbstract) {
                    if (concrete.equals(returnType)) {
                        frames.push(new Frame(fetch, selection, concrete, path, field, forType, entry.getValue()));
                        try {
                            writers.addAll(planFields(fetch, selection, concrete, entry.getValue(), path, forType, entry.getValue()));
                        } finally {
                            frames.pop();
                        }
                    }
                } else if (supergraph.isPossibleTypeIn(graph, returnType, concrete)) {
                    // the enclosing selection already has __typename
                    List<NormalizedField> fields = entry.getValue().stream().filter(f -> !f.isTypename()).toList();
                    FetchSelection fragment = selection.fragment(concrete);
                    frames.push(new Frame(fetch, fragment, concrete, path, field, forType, entry.getValue()));
                    try {
                        writers.addAll(planFields(fetch, fragment, concrete, fields, path, forType, entry.getValue()));
                    } finally {
                        frames.pop();
                    }
                }
            }
            return writers;
        }

        /**
         * The subgraph knows the interface only as an object ({@code @interfaceObject}): it cannot
         * tell the concrete type. Interface fields it resolves are fetched directly when nothing
         * type-specific is asked; otherwise a subgraph that has the real interface first resolves
         * {@code __typename} through {@code _entities}, and type-specific fields are planned from there.
         */
        private Set<FetchNode> planInterfaceObjectChildren(FetchNode fetch, FetchSelection selection, String interfaceName,
                                                           NormalizedField field, List<String> path, Provided provided) {
            String graph = fetch.subgraph();
            var lists = new ArrayList<>(field.children().values());
            boolean uniform = lists.stream().allMatch(l -> l.equals(lists.getFirst()));
            if (uniform && !lists.isEmpty() && lists.getFirst().stream().allMatch(
                    f -> !f.isTypename() && supergraph.resolves(graph, interfaceName, f.name(), labels))) {
                return planFields(fetch, selection, interfaceName, lists.getFirst(), path, provided, lists.getFirst());
            }
            // interface fields this subgraph resolves come with the first fetch; only the rest needs the concrete type
            List<NormalizedField> direct = new ArrayList<>();
            Map<String, List<NormalizedField>> rest = new LinkedHashMap<>();
            for (var entry : field.children().entrySet()) {
                List<NormalizedField> remaining = new ArrayList<>();
                for (NormalizedField f : entry.getValue()) {
                    if (f.isTypename()) {
                        continue; // the type-resolving fetch asks for __typename anyway
                    }
                    if (supergraph.resolves(graph, interfaceName, f.name(), labels)) {
                        direct = SelectionMerging.mergeFields(direct, List.of(f));
                    } else {
                        remaining.add(f);
                    }
                }
                rest.put(entry.getKey(), remaining);
            }
            Set<FetchNode> writers = writerSet();
            writers.addAll(planFields(fetch, selection, interfaceName, direct, path, provided, direct));
            String owner = null;
            JoinType key = null;
            for (var subgraph : supergraph.subgraphs()) {
                if (!subgraph.name().equals(graph) && !supergraph.isInterfaceObject(subgraph.name(), interfaceName)
                        && !supergraph.resolvableKeys(subgraph.name(), interfaceName).isEmpty()) {
                    owner = subgraph.name();
                    key = supergraph.resolvableKeys(owner, interfaceName).getFirst();
                    break;
                }
            }
            if (owner == null) {
                throw new PlanningException("Cannot resolve the concrete type of " + interfaceName + " returned by "
                        + graph + ": no subgraph defines it as an entity interface");
            }
            List<NormalizedField> keyFields = fieldSets.requirementFields(key.key(), interfaceName, List.of());
            Set<FetchNode> deps = planRequirements(fetch, selection, interfaceName, keyFields, path, provided, List.of());
            FetchNode typeFetch = fetchGraph.entityFetch(fetch, path, owner, false);
            typeFetch.dependsOn.addAll(deps);
            typeFetch.represent(interfaceName, true, keyFields);
            typeFetch.selection.fragment(interfaceName).field("__typename", "__typename", List.of());
            for (var entry : rest.entrySet()) {
                if (supergraph.isPossibleTypeIn(owner, interfaceName, entry.getKey())) {
                    writers.addAll(planFields(typeFetch, typeFetch.selection.fragment(entry.getKey()), entry.getKey(),
                            entry.getValue(), path, null, entry.getValue()));
                }
            }
            writers.add(typeFetch);
            return writers;
        }

        /** Plans a field the current subgraph cannot resolve: an {@code _entities} call to one that can. */
        private Set<FetchNode> planJump(FetchNode fetch, FetchSelection target, String type, NormalizedField field,
                                        List<String> path, Provided provided, List<NormalizedField> clientFields,
                                        List<NormalizedField> siblings) {
            String graph = fetch.subgraph();
            String resolution = FieldRouting.resolution(graph, type, field.name());
            if (routing.resolving.contains(resolution)) {
                // getting the field needs the field: where there is a choice, routing.obtainable() steers clear of this
                throw new PlanningException(routing.cycle(resolution));
            }
            routing.resolving.add(resolution);
            FieldRouting.Route route;
            FetchNode jump;
            List<NormalizedField> needed;
            try {
                List<FieldRouting.Route> routes = routing.routes(graph, type, field.name());
                List<FieldRouting.Route> viable = routes;
                if (routes.size() > 1) {
                    // a choice: only routes whose requirements can be had without coming back to a field in progress
                    Set<String> obtainable = routing.obtainable(graph, type, provided, routing.blocked(graph, type), routes);
                    viable = routes.stream().filter(r -> obtainable.containsAll(routing.requirementNames(r, type))).toList();
                    if (viable.isEmpty()) {
                        // no key can be had here: maybe an enclosing object reached in another subgraph can
                        Set<FetchNode> fromAncestor = planFromAncestor(fetch, type, field, path);
                        if (fromAncestor != null) {
                            return fromAncestor;
                        }
                        throw new PlanningException(routing.unreachable(graph, type, field.name(), routes, obtainable));
                    }
                } else if (routes.isEmpty()) {
                    Set<FetchNode> fromAncestor = planFromAncestor(fetch, type, field, path);
                    if (fromAncestor != null) {
                        return fromAncestor;
                    }
                    throw new PlanningException("Cannot plan " + type + "." + field.name() + " from subgraph '" + graph
                            + "': no subgraph reachable through an entity key resolves it");
                }
                // direct routes first; through an interface object only when the type itself has none
                String conditionType = viable.getFirst().owner();
                List<FieldRouting.Route> preferred = viable.stream().filter(r -> r.owner().equals(conditionType)).toList();
                List<String> candidates = preferred.stream().map(FieldRouting.Route::graph).distinct().toList();
                if (candidates.size() > 1 && !field.isLeaf()) {
                    // a subgraph whose objects cannot lead on to every field asked below this one is
                    // passed over while another can (e.g. it knows the type by a key the others lack)
                    List<String> leadingOn = candidates.stream().filter(g -> leadsOn(g, conditionType, field)).toList();
                    if (!leadingOn.isEmpty()) {
                        candidates = leadingOn;
                    }
                }
                String chosen = chooseGraph(candidates, path, fetch, conditionType, siblings);
                if (candidates.size() > 1 && !field.isLeaf() && !plansBelow(graph, chosen, conditionType, field, path)) {
                    // a dead end further down than one level (leadsOn): the usual choice among the
                    // subgraphs whose whole subtree plans on trial; when none does, it reports the error
                    List<String> planning = candidates.stream().filter(g -> plansBelow(graph, g, conditionType, field, path)).toList();
                    if (!planning.isEmpty()) {
                        chosen = chooseGraph(planning, path, fetch, conditionType, siblings);
                    }
                }
                String targetGraph = chosen;
                route = routing.chooseKey(preferred.stream().filter(r -> r.graph().equals(targetGraph)).toList(), graph, type, provided);
                needed = fieldSets.requirementFields(route.key().key(), type, clientFields);
                if (route.requires() != null) {
                    needed = SelectionMerging.mergeFields(needed, fieldSets.requirementFields(route.requires(), type, clientFields));
                }
                Set<FetchNode> deps = planRequirements(fetch, target, type, needed, path, provided, clientFields);
                jump = fetchGraph.entityFetch(fetch, path, targetGraph, route.requires() != null, deps);
            } finally {
                // the client's selection below this field is not part of getting the field: it may ask for it again
                routing.resolving.remove(resolution);
            }
            String owner = route.owner();
            String targetGraph = route.graph();
            jump.represent(owner, !owner.equals(type) || supergraph.isAbstract(owner), needed);
            // added directly: its requirements are met by this fetch's representation
            FetchSelection.FetchField fetched = jump.selection.fragment(owner).field(field.responseKey(), field.name(), field.arguments());
            if (!field.isLeaf()) {
                Set<FetchNode> writers = writerSet();
                writers.add(jump);
                writers.addAll(planChildren(jump, fetched, owner, field, childPath(path, owner, field),
                        providedBy(targetGraph, owner, field)));
                return writers;
            }
            return Set.of(jump);
        }

        /**
         * A field of an object that has no key to jump by (a value type, or an entity no other
         * subgraph can be asked for by key): asked for from the nearest enclosing object that can be
         * reached in a subgraph resolving the whole way down to it — an entity by one of its keys, or
         * the query root (never a mutation's: it would run twice). The new fetch selects that path
         * again and the answers merge. Null when there is no such object.
         */
        private Set<FetchNode> planFromAncestor(FetchNode fetch, String type, NormalizedField field, List<String> path) {
            List<Frame> stack = new ArrayList<>(frames);
            if (stack.isEmpty() || !stack.getFirst().type().equals(type) || !stack.getFirst().path().equals(path)) {
                return null;
            }
            // below.get(i).field(): the field leading from stack.get(i + 1) down to stack.get(i)
            for (int up = 1; up < stack.size(); up++) {
                Frame ancestor = stack.get(up);
                List<Frame> below = stack.subList(0, up);
                boolean root = ancestor.path().isEmpty() && !ancestor.fetch().isEntityFetch();
                if (root && operation.kind() == OperationDefinition.Operation.MUTATION) {
                    return null;
                }
                // subgraphs that resolve the field itself there first, then those one key jump away from it
                for (int pass = 0; pass < 2; pass++) {
                    for (var subgraph : supergraph.subgraphs()) {
                        String g = subgraph.name();
                        if (g.equals(fetch.subgraph()) && root) {
                            continue;
                        }
                        if (!resolvesChain(g, ancestor.type(), below, field, pass == 1)) {
                            continue;
                        }
                        // a key whose fields the ancestor's subgraph can have (else the next subgraph or a
                        // higher ancestor), preferably one it has itself: no extra hop for it
                        JoinType key = root ? null : obtainableKey(g, ancestor);
                        if (!root && key == null) {
                            continue;
                        }
                        FetchNode jump;
                        FetchSelection selection;
                        if (root) {
                            jump = fetchGraph.rootFetch(g, ancestor.fetch().group());
                            selection = jump.selection;
                        } else {
                            List<NormalizedField> needed = fieldSets.requirementFields(key.key(), ancestor.type(), ancestor.clientFields());
                            Set<FetchNode> deps;
                            frames.push(ancestor);
                            try {
                                deps = planRequirements(ancestor.fetch(), ancestor.selection(), ancestor.type(), needed,
                                        ancestor.path(), ancestor.provided(), ancestor.clientFields());
                            } finally {
                                frames.pop();
                            }
                            // chosen after its key fields are planned: never a fetch those fields come from
                            jump = fetchGraph.entityFetch(ancestor.fetch(), ancestor.path(), g, false, deps);
                            jump.represent(ancestor.type(), supergraph.isAbstract(ancestor.type()), needed);
                            selection = jump.selection.fragment(ancestor.type());
                        }
                        String parentType = ancestor.type();
                        for (int i = below.size() - 1; i >= 0; i--) {
                            NormalizedField step = below.get(i).field();
                            String stepType = supergraph.namedFieldTypeIn(g, parentType, step.name());
                            selection = selection.field(step.responseKey(), step.name(), step.arguments()).selection();
                            selection.field("__typename", "__typename", List.of());
                            String concrete = below.get(i).type();
                            if (!concrete.equals(stepType)) {
                                selection = selection.fragment(concrete);
                            }
                            parentType = concrete;
                        }
                        Set<FetchNode> writers = writerSet();
                        writers.add(jump);
                        writers.addAll(planFields(jump, selection, type, List.of(field), path, null, List.of(field)));
                        return writers;
                    }
                }
            }
            return null;
        }

        /**
         * Of {@code graph}'s keys for the ancestor's type, one whose fields the ancestor's own
         * subgraph can put into a representation there (itself, or through routes that end),
         * preferring one it has itself; null when there is none.
         */
        private JoinType obtainableKey(String graph, Frame ancestor) {
            String from = ancestor.fetch().subgraph();
            String type = ancestor.type();
            List<FieldRouting.Route> byKey = supergraph.resolvableKeys(graph, type).stream()
                    .map(k -> new FieldRouting.Route(graph, type, k, null)).toList();
            Set<String> obtainable = routing.obtainable(from, type, ancestor.provided(), routing.blocked(from, type), byKey);
            return byKey.stream()
                    .filter(r -> obtainable.containsAll(routing.requirementNames(r, type)))
                    .map(FieldRouting.Route::key)
                    .sorted(Comparator.comparing((JoinType k) -> !k.key().getSelections().stream().allMatch(sel ->
                            sel instanceof graphql.language.Field f && routing.resolvedHere(from, type, f.getName(), ancestor.provided()))))
                    .findFirst().orElse(null);
        }

        /**
         * Whether {@code graph} resolves every field from an object of {@code from} down through
         * {@code below}, and there {@code field} itself, or (with {@code oneJump}) has all the key and
         * @requires fields of some route to it.
         */
        private boolean resolvesChain(String graph, String from, List<Frame> below, NormalizedField field, boolean oneJump) {
            String parentType = from;
            for (int i = below.size() - 1; i >= 0; i--) {
                NormalizedField step = below.get(i).field();
                if (!supergraph.resolves(graph, parentType, step.name(), labels) || supergraph.requires(graph, parentType, step.name()) != null) {
                    return false;
                }
                String stepType = supergraph.namedFieldTypeIn(graph, parentType, step.name());
                String concrete = below.get(i).type();
                if (stepType == null || !supergraph.isPossibleTypeIn(graph, stepType, concrete) && !stepType.equals(concrete)) {
                    return false;
                }
                parentType = concrete;
            }
            if (supergraph.resolves(graph, parentType, field.name(), labels) && supergraph.requires(graph, parentType, field.name()) == null) {
                return !oneJump;
            }
            if (!oneJump) {
                return false;
            }
            String type = parentType;
            return routing.routes(graph, type, field.name()).stream().anyMatch(r -> routing.requirementNames(r, type).stream()
                    .allMatch(name -> routing.resolvedHere(graph, type, name, null)));
        }

        /**
         * Whether {@code graph}, answering {@code field} of {@code owner}, holds or can route to every
         * field selected directly below it: each is resolved there (or provided) or reached through a
         * key or @requires whose fields can be had there. One level only: a lookahead to choose
         * between subgraphs, not a plan.
         */
        private boolean leadsOn(String graph, String owner, NormalizedField field) {
            Provided provided = providedBy(graph, owner, field);
            for (var entry : field.children().entrySet()) {
                String type = entry.getKey();
                for (NormalizedField child : entry.getValue()) {
                    if (routing.resolvedHere(graph, type, child.name(), provided)) {
                        continue;
                    }
                    List<FieldRouting.Route> routes = routing.routes(graph, type, child.name());
                    Set<String> obtainable = routing.obtainable(graph, type, provided, Set.of(), routes);
                    if (routes.stream().noneMatch(r -> obtainable.containsAll(routing.requirementNames(r, type)))) {
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * Whether {@code graph}, answering {@code field} of {@code owner} in an entity fetch, can plan
         * everything asked below the field: found by planning that subtree in a separate planning, so
         * nothing of this plan changes. The trial starts at the jump, without the objects enclosing it:
         * a subtree that could only be finished from further up counts as not plannable here.
         * {@code from} (the subgraph jumped from) only stands in as the trial's parent fetch.
         */
        private boolean plansBelow(String from, String graph, String owner, NormalizedField field, List<String> path) {
            Map<String, Boolean> known = plansBelow.computeIfAbsent(field, f -> new HashMap<>());
            // a plain get and put, not computeIfAbsent: the trial adds answers for the fields below while it runs
            String key = graph + "|" + owner;
            Boolean plans = known.get(key);
            if (plans == null) {
                Planning trial = new Planning(operation, plansBelow);
                try {
                    FetchNode jump = trial.fetchGraph.entityFetch(trial.fetchGraph.rootFetch(from, 0), path, graph, false);
                    FetchSelection selection = jump.selection.fragment(owner);
                    FetchSelection.FetchField fetched = selection.field(field.responseKey(), field.name(), field.arguments());
                    trial.frames.push(new Frame(jump, selection, owner, path, null, null, List.of(field)));
                    trial.planChildren(jump, fetched, owner, field, childPath(path, owner, field), providedBy(graph, owner, field));
                    plans = true;
                } catch (PlanningException e) {
                    plans = false;
                }
                known.put(key, plans);
            }
            return plans;
        }

        /** What {@code graph}'s {@code @provides} on the field puts below it, or null. */
        private Provided providedBy(String graph, String type, NormalizedField field) {
            SelectionSet provides = supergraph.provides(graph, type, field.name());
            return provides == null ? null : new Provided(provides);
        }

        private String chooseGraph(List<String> candidates, List<String> path, FetchNode fetch, String type,
                                   List<NormalizedField> siblings) {
            for (String candidate : candidates) {
                String key = candidate + "|" + String.join(".", path) + "|false|" + fetch.group();
                if (fetchGraph.hasEntityFetch(key)) {
                    return candidate; // already calling it at this position: one more field costs nothing
                }
            }
            return mostUseful(candidates, type, siblings);
        }

    }
}
