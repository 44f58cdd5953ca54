package dev.storefront.gateway.plan;

import dev.storefront.gateway.supergraph.JoinType;
import dev.storefront.gateway.supergraph.OverrideLabels;
import dev.storefront.gateway.supergraph.Supergraph;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field routing for one operation: which subgraphs can put a field into an object the current
 * subgraph holds (an entity fetch by one of their keys, with the field's {@code @requires}), and
 * which of those routes end, given the fields already being got further up the planning path.
 */
final class FieldRouting {
    /**
     * A way to get a field into a representation: an entity fetch to {@code graph} by {@code key}
     * of {@code owner} (the type itself, or the interface an {@code @interfaceObject} resolves it on),
     * with the field's {@code @requires} there, or null.
     */
    record Route(String graph, String owner, JoinType key, SelectionSet requires) {
    }

    private final Supergraph supergraph;
    private final OverrideLabels labels;
    private final FieldSets fieldSets;
    /** Fields being got through a key or @requires on the current planning path, outermost first, as subgraph|type|field. */
    final LinkedHashSet<String> resolving = new LinkedHashSet<>();

    FieldRouting(Supergraph supergraph, OverrideLabels labels, FieldSets fieldSets) {
        this.supergraph = supergraph;
        this.labels = labels;
        this.fieldSets = fieldSets;
    }

    static String resolution(String graph, String type, String field) {
        return graph + "|" + type + "|" + field;
    }

    /** Says which fields need each other, from the outermost field being got down to the one asked for again. */
    String cycle(String again) {
        List<String> path = resolving.stream().map(r -> r.substring(r.indexOf('|') + 1).replace('|', '.')).toList();
        String outermost = resolving.getFirst();
        List<String> chain = new ArrayList<>(path.subList(1, path.size()));
        chain.add(again.substring(again.indexOf('|') + 1).replace('|', '.') + " again");
        return "Cannot plan " + path.getFirst() + " from subgraph '" + outermost.substring(0, outermost.indexOf('|'))
                + "': getting it needs " + String.join(", which needs ", chain)
                + " (those @key and @requires fields can only be had through each other)";
    }

    /** Fields of the type being resolved from this subgraph further up the planning path. */
    Set<String> blocked(String graph, String type) {
        String prefix = resolution(graph, type, "");
        Set<String> blocked = new HashSet<>();
        for (String r : resolving) {
            if (r.startsWith(prefix)) {
                blocked.add(r.substring(prefix.length()));
            }
        }
        return blocked;
    }

    /** Whether {@code graph} puts the field into the current selection itself (what planFields keeps local). */
    boolean resolvedHere(String graph, String type, String field, Provided provided) {
        return field.equals("__typename")
                || supergraph.resolves(graph, type, field, labels) && supergraph.requires(graph, type, field) == null
                || provided != null && provided.has(field);
    }

    /**
     * Ways for {@code graph} to get a field of {@code type} it does not resolve itself: an entity
     * fetch to a subgraph that does, by one of its keys. A subgraph is not asked for a field
     * through a key made of that field. Fields contributed by an {@code @interfaceObject} are
     * resolved through the interface (after the type's own routes, in interface order).
     */
    List<Route> routes(String graph, String type, String field) {
        List<Route> routes = new ArrayList<>();
        // the current subgraph too when the field has @requires there: it needs the inputs first
        for (String g : supergraph.graphsResolving(type, field, labels)) {
            SelectionSet requires = supergraph.requires(g, type, field);
            if (!g.equals(graph) || requires != null) {
                keysWithout(g, type, field).forEach(key -> routes.add(new Route(g, type, key, requires)));
            }
        }
        for (String iface : fieldSets.interfacesOf(type)) {
            for (String g : supergraph.interfaceObjectGraphsResolving(iface, field, labels)) {
                List<JoinType> keys = keysWithout(g, iface, field);
                SelectionSet requires = supergraph.requires(g, iface, field);
                (keys.isEmpty() ? supergraph.resolvableKeys(g, iface) : keys)
                        .forEach(key -> routes.add(new Route(g, iface, key, requires)));
            }
        }
        return routes;
    }

    /** Names of the fields of {@code type} a route needs in the representation: its key and @requires fields. */
    Set<String> requirementNames(Route route, String type) {
        Set<String> names = new LinkedHashSet<>();
        collectNames(route.key().key(), type, names);
        collectNames(route.requires(), type, names);
        return names;
    }

    void collectNames(SelectionSet fieldSet, String type, Set<String> into) {
        if (fieldSet == null) {
            return;
        }
        for (Selection<?> selection : fieldSet.getSelections()) {
            if (selection instanceof Field f) {
                into.add(f.getName());
            } else if (selection instanceof InlineFragment inline && (inline.getTypeCondition() == null
                    || fieldSets.implementsOrMember(type, inline.getTypeCondition().getName()))) {
                collectNames(inline.getSelectionSet(), type, into);
            }
        }
    }

    /**
     * Fields of {@code type} that {@code graph} can put into a representation at this position
     * without going through any of {@code blocked} (the fields being resolved further up):
     * its own fields, then, until nothing changes, fields that some route reaches with
     * requirements already obtainable. A field is only ever derived from fields derived before
     * it, so following these routes never comes back to a field in progress: key and @requires
     * dependencies that loop (alpha needs x, x only via beta's key y, y only via alpha's key x)
     * are passed over for a route that ends, and planning fails cleanly when there is none.
     * Only the top-level fields of a field set are followed; nested ones are planned as usual.
     */
    Set<String> obtainable(String graph, String type, Provided provided, Set<String> blocked, List<Route> goal) {
        Set<String> obtainable = new HashSet<>();
        Map<String, List<Route>> remote = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>();
        goal.forEach(r -> todo.addAll(requirementNames(r, type)));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.removeLast();
            if (!seen.add(name)) {
                continue;
            }
            if (resolvedHere(graph, type, name, provided)) {
                obtainable.add(name);
            } else if (!blocked.contains(name)) {
                List<Route> routes = routes(graph, type, name);
                remote.put(name, routes);
                routes.forEach(r -> todo.addAll(requirementNames(r, type)));
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (var entry : remote.entrySet()) {
                if (!obtainable.contains(entry.getKey()) && entry.getValue().stream()
                        .anyMatch(r -> obtainable.containsAll(requirementNames(r, type)))) {
                    obtainable.add(entry.getKey());
                    changed = true;
                }
            }
        }
        return obtainable;
    }

    /** Why no route to the field works: each route's requirements that cannot be had without a cycle. */
    String unreachable(String graph, String type, String field, List<Route> routes, Set<String> obtainable) {
        List<String> reasons = new ArrayList<>();
        for (Route route : routes) {
            List<String> missing = requirementNames(route, type).stream().filter(n -> !obtainable.contains(n))
                    .map(n -> type + "." + n).toList();
            reasons.add(route.graph() + " (key \"" + AstPrinter.printAstCompact(route.key().key()).replaceAll("^\\{|\\}$", "")
                    + "\"" + (route.requires() == null ? "" : ", @requires") + ") needs " + String.join(", ", missing));
        }
        return "Cannot plan " + type + "." + field + " from subgraph '" + graph + "': every subgraph that resolves it "
                + "needs fields that can only be had through " + type + "." + field
                + " itself or a cycle of @key/@requires dependencies: " + String.join("; ", reasons);
    }

    /**
     * Keys by which {@code graph} resolves {@code type} that do not contain {@code field}: a
     * subgraph cannot be asked for a field through a key made of it (planning that would
     * recurse for ever, e.g. sku from a subgraph that knows Product by sku only).
     */
    List<JoinType> keysWithout(String graph, String type, String field) {
        return supergraph.resolvableKeys(graph, type).stream().filter(k -> k.key().getSelections().stream()
                .noneMatch(s -> s instanceof Field f && f.getName().equals(field))).toList();
    }

    /** Of the target subgraph's usable routes, prefers a key whose fields the current subgraph has, so no extra hop is needed. */
    Route chooseKey(List<Route> routes, String currentGraph, String type, Provided provided) {
        for (Route route : routes) {
            boolean local = route.key().key().getSelections().stream().allMatch(s -> s instanceof Field f
                    && (supergraph.resolves(currentGraph, type, f.getName(), labels) || provided != null && provided.has(f.getName())));
            if (local) {
                return route;
            }
        }
        return routes.getFirst();
    }
}
