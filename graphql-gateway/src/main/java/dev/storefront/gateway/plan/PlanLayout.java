package dev.storefront.gateway.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plan layout: the fetch dependency graph laid out as the Sequence/Parallel tree the executor runs. */
final class PlanLayout {
    private PlanLayout() {
    }

    /**
     * Lays a fetch dependency graph out as a series-parallel plan in which every fetch starts
     * once its own dependencies are done, not once a whole depth stage is: independent parts
     * (weakly connected components over the dependencies inside the set) run in Parallel; a
     * connected part runs its sources first, then the rest laid out the same way. Dependencies
     * on fetches outside {@code nodes} (an earlier mutation step) are taken as done.
     * Any DAG fits, a forest or not; where it is not series-parallel the sources step makes a
     * fetch wait for a source it does not need, never the other way round.
     */
    static PlanNode layout(List<FetchNode> nodes) {
        if (nodes.isEmpty()) {
            return new PlanNode.Sequence(List.of());
        }
        Map<FetchNode, Integer> depth = new HashMap<>();
        for (FetchNode node : nodes) {
            depthOf(node, depth, new LinkedHashSet<>()); // refuses cycles
        }
        return seriesParallel(nodes);
    }

    /** {@code nodes} in planning order; the layout keeps that order among siblings. */
    private static PlanNode seriesParallel(List<FetchNode> nodes) {
        Set<FetchNode> inside = new HashSet<>(nodes);
        List<List<FetchNode>> components = components(nodes, inside);
        if (components.size() > 1) {
            return parallel(components.stream().map(PlanLayout::seriesParallel).toList());
        }
        List<FetchNode> sources = new ArrayList<>();
        List<FetchNode> rest = new ArrayList<>();
        for (FetchNode node : nodes) {
            boolean waits = node.dependsOn.stream().anyMatch(d -> d != node && inside.contains(d));
            (waits ? rest : sources).add(node);
        }
        if (sources.isEmpty()) {
            throw new PlanningException("Cyclic dependency between subgraph fetches for " + nodes.getFirst().subgraph());
        }
        PlanNode first = parallel(sources.stream().map(PlanLayout::step).toList());
        return rest.isEmpty() ? first : sequence(List.of(first, seriesParallel(rest)));
    }

    /** Weakly connected components over the dependencies between {@code nodes}, in planning order. */
    private static List<List<FetchNode>> components(List<FetchNode> nodes, Set<FetchNode> inside) {
        Map<FetchNode, List<FetchNode>> neighbours = new HashMap<>();
        for (FetchNode node : nodes) {
            for (FetchNode dep : node.dependsOn) {
                if (dep != node && inside.contains(dep)) {
                    neighbours.computeIfAbsent(node, n -> new ArrayList<>()).add(dep);
                    neighbours.computeIfAbsent(dep, n -> new ArrayList<>()).add(node);
                }
            }
        }
        Map<FetchNode, Integer> componentOf = new HashMap<>();
        List<List<FetchNode>> components = new ArrayList<>();
        for (FetchNode start : nodes) {
            if (componentOf.containsKey(start)) {
                continue;
            }
            int id = components.size();
            components.add(new ArrayList<>());
            List<FetchNode> todo = new ArrayList<>(List.of(start));
            componentOf.put(start, id);
            while (!todo.isEmpty()) {
                for (FetchNode next : neighbours.getOrDefault(todo.removeLast(), List.of())) {
                    if (componentOf.putIfAbsent(next, id) == null) {
                        todo.add(next);
                    }
                }
            }
        }
        for (FetchNode node : nodes) {
            components.get(componentOf.get(node)).add(node);
        }
        return components;
    }

    private static PlanNode step(FetchNode fetch) {
        return fetch.isEntityFetch() ? new PlanNode.Flatten(fetch.mergePath(), fetch) : new PlanNode.Fetch(fetch);
    }

    /** A Sequence with nested Sequences inlined; one step is just that step. */
    static PlanNode sequence(List<PlanNode> steps) {
        List<PlanNode> flat = new ArrayList<>();
        for (PlanNode step : steps) {
            if (step instanceof PlanNode.Sequence s) {
                flat.addAll(s.nodes());
            } else {
                flat.add(step);
            }
        }
        return flat.size() == 1 ? flat.getFirst() : new PlanNode.Sequence(flat);
    }

    /** A Parallel with nested Parallels inlined; one branch is just that branch. */
    private static PlanNode parallel(List<PlanNode> branches) {
        List<PlanNode> flat = new ArrayList<>();
        for (PlanNode branch : branches) {
            if (branch instanceof PlanNode.Parallel p) {
                flat.addAll(p.nodes());
            } else {
                flat.add(branch);
            }
        }
        return flat.size() == 1 ? flat.getFirst() : new PlanNode.Parallel(flat);
    }

    static int depthOf(FetchNode node, Map<FetchNode, Integer> depth, Set<FetchNode> visiting) {
        Integer known = depth.get(node);
        if (known != null) {
            return known;
        }
        if (!visiting.add(node)) {
            throw new PlanningException("Cyclic dependency between subgraph fetches for " + node.subgraph());
        }
        int d = 0;
        for (FetchNode dep : node.dependsOn) {
            if (dep != node) {
                d = Math.max(d, depthOf(dep, depth, visiting) + 1);
            }
        }
        visiting.remove(node);
        depth.put(node, d);
        return d;
    }
}
