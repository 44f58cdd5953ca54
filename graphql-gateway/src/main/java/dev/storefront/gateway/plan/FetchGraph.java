package dev.storefront.gateway.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fetch dependency graph of one operation's plan: the subgraph requests planned so far (at
 * most one entity fetch per subgraph, position and mutation step) and what each waits for.
 */
final class FetchGraph {
    final List<FetchNode> fetches = new ArrayList<>();
    private final Map<String, FetchNode> entityFetches = new HashMap<>();

    boolean hasEntityFetch(String key) {
        return entityFetches.containsKey(key);
    }

    FetchNode newFetch(String graph, List<String> path, boolean entity, int group) {
        FetchNode fetch = new FetchNode(fetches.size(), graph, path, entity, group);
        fetches.add(fetch);
        return fetch;
    }

    FetchNode entityFetch(FetchNode parent, List<String> path, String graph, boolean forRequires) {
        return entityFetch(parent, path, graph, forRequires, Set.of());
    }

    /**
     * The entity fetch to {@code graph} at {@code path}, made to wait for {@code after}: the one
     * already planned there unless something in {@code after} itself waits for it (a @requires
     * chain that goes back and forth between two subgraphs), then a new one. Never one of
     * {@code after}, so no fetch waits for itself.
     */
    FetchNode entityFetch(FetchNode parent, List<String> path, String graph, boolean forRequires, Set<FetchNode> after) {
        String key = graph + "|" + String.join(".", path) + "|" + forRequires + "|" + parent.group();
        FetchNode existing = entityFetches.get(key);
        if (existing != null) {
            Set<FetchNode> seen = new HashSet<>(); // shared: a node that does not lead to existing never will
            if (after.stream().noneMatch(d -> waitsFor(d, existing, seen))) {
                existing.dependsOn.addAll(after);
                return existing;
            }
        }
        FetchNode created = newFetch(graph, path, true, parent.group());
        entityFetches.put(key, created);
        created.dependsOn.addAll(after);
        return created;
    }

    /** Whether {@code node} is {@code target} or waits for it, directly or not. */
    private static boolean waitsFor(FetchNode node, FetchNode target, Set<FetchNode> seen) {
        if (node == target) {
            return true;
        }
        if (!seen.add(node)) {
            return false;
        }
        for (FetchNode dep : node.dependsOn) {
            if (dep != node && waitsFor(dep, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** The root fetch to {@code graph} in a (mutation) step, one per subgraph and step. */
    FetchNode rootFetch(String graph, int group) {
        return fetches.stream().filter(f -> !f.isEntityFetch() && f.subgraph().equals(graph) && f.group() == group)
                .findFirst().orElseGet(() -> newFetch(graph, List.of(), false, group));
    }

    /**
     * Entity fetches to the same subgraph at the same path and the same dependency depth (e.g.
     * one planned for a field with @requires, one without) are merged into one request.
     */
    void coalesce() {
        boolean changed = true;
        while (changed) {
            changed = false;
            Map<FetchNode, Integer> depth = new HashMap<>();
            fetches.forEach(n -> PlanLayout.depthOf(n, depth, new LinkedHashSet<>()));
            search:
            for (int i = 0; i < fetches.size(); i++) {
                for (int j = i + 1; j < fetches.size(); j++) {
                    FetchNode a = fetches.get(i);
                    FetchNode b = fetches.get(j);
                    if (a.isEntityFetch() && b.isEntityFetch() && a.subgraph().equals(b.subgraph())
                            && a.mergePath().equals(b.mergePath()) && a.group() == b.group()
                            && depth.get(a).equals(depth.get(b))) {
                        a.selection.mergeFrom(b.selection);
                        b.requires.forEach((type, fields) -> a.requires.merge(type, fields, SelectionMerging::mergeFields));
                        a.interfaceConditions.addAll(b.interfaceConditions);
                        b.dependsOn.stream().filter(d -> d != a).forEach(a.dependsOn::add);
                        for (FetchNode other : fetches) {
                            if (other.dependsOn.remove(b)) {
                                other.dependsOn.add(a);
                            }
                        }
                        fetches.remove(b);
                        changed = true;
                        break search;
                    }
                }
            }
        }
    }
}
