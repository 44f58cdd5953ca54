package dev.storefront.gateway.plan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The series-parallel layout of fetch dependency graphs, on generated graphs: the executor runs a
 * Sequence's steps one after another and a Parallel's branches at once, so a fetch may start when
 * everything in earlier steps of its enclosing Sequences is done — that set must hold all its
 * dependencies.
 */
class PlanLayoutTest {

    @Test
    void randomGraphsAreLaidOutWithEveryDependencyBeforeItsFetchAndEachFetchOnce() {
        Random random = new Random(20261205);
        for (int graph = 0; graph < 400; graph++) {
            List<FetchNode> nodes = randomGraph(random, false);
            PlanNode plan = PlanLayout.layout(nodes);
            Map<FetchNode, Set<FetchNode>> doneAtStart = check(plan, nodes, "graph " + graph + ": " + describe(nodes));
            for (FetchNode node : nodes) {
                for (FetchNode dep : node.dependsOn) {
                    assertTrue(!nodes.contains(dep) || doneAtStart.get(node).contains(dep),
                            "graph " + graph + ": fetch " + node.id() + " may start before its dependency " + dep.id()
                                    + " in " + describe(nodes) + "\n" + new QueryPlan(null, plan).print());
                }
            }
        }
    }

    @Test
    void inAForestAFetchWaitsForItsAncestorsOnly() {
        // the stage layout made a fetch at depth 2 wait for every depth-1 fetch; a tree needs no such wait
        Random random = new Random(7);
        for (int graph = 0; graph < 300; graph++) {
            List<FetchNode> nodes = randomGraph(random, true);
            PlanNode plan = PlanLayout.layout(nodes);
            Map<FetchNode, Set<FetchNode>> doneAtStart = check(plan, nodes, "forest " + graph + ": " + describe(nodes));
            for (FetchNode node : nodes) {
                Set<FetchNode> ancestors = new HashSet<>();
                for (FetchNode at = node; !at.dependsOn.isEmpty(); ) {
                    at = at.dependsOn.iterator().next();
                    ancestors.add(at);
                }
                assertEquals(ids(ancestors), ids(doneAtStart.get(node)), "forest " + graph + ": fetch " + node.id() + " in "
                        + describe(nodes) + "\n" + new QueryPlan(null, plan).print());
            }
        }
    }

    @Test
    void twoIndependentChainsRunAsParallelSequences() {
        FetchNode a = node(0, false);
        FetchNode b = node(1, false);
        FetchNode a1 = node(2, true);
        FetchNode a2 = node(3, true);
        a1.dependsOn.add(a);
        a2.dependsOn.add(a1);
        PlanNode plan = PlanLayout.layout(List.of(a, b, a1, a2));
        assertEquals(new PlanNode.Parallel(List.of(
                new PlanNode.Sequence(List.of(new PlanNode.Fetch(a), flatten(a1), flatten(a2))),
                new PlanNode.Fetch(b))), plan);
    }

    @Test
    void aJoinOfTwoRootsWaitsForBoth() {
        FetchNode a = node(0, false);
        FetchNode b = node(1, false);
        FetchNode join = node(2, true);
        FetchNode afterA = node(3, true);
        join.dependsOn.addAll(List.of(a, b));
        afterA.dependsOn.add(a);
        assertEquals(new PlanNode.Sequence(List.of(
                new PlanNode.Parallel(List.of(new PlanNode.Fetch(a), new PlanNode.Fetch(b))),
                new PlanNode.Parallel(List.of(flatten(join), flatten(afterA))))), PlanLayout.layout(List.of(a, b, join, afterA)));
    }

    @Test
    void cyclesAreRefused() {
        FetchNode a = node(0, true);
        FetchNode b = node(1, true);
        a.dependsOn.add(b);
        b.dependsOn.add(a);
        assertThrows(PlanningException.class, () -> PlanLayout.layout(List.of(a, b)));
    }

    private static FetchNode node(int id, boolean entity) {
        return new FetchNode(id, "s" + id % 3, entity ? List.of("p" + id) : List.of(), entity, 0);
    }

    private static PlanNode flatten(FetchNode fetch) {
        return new PlanNode.Flatten(fetch.mergePath(), fetch);
    }

    /**
     * 1-14 fetches; each depends on some earlier-made ones (a forest: at most one), sometimes on
     * a fetch outside the set (an earlier mutation step, done before the set starts); handed to
     * the layout shuffled, as planning order need not be dependency order.
     */
    private static List<FetchNode> randomGraph(Random random, boolean forest) {
        int size = 1 + random.nextInt(14);
        double density = random.nextDouble() * 0.5;
        FetchNode outside = node(99, false);
        List<FetchNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            FetchNode node = node(i, i > 0 && random.nextBoolean());
            if (forest) {
                if (i > 0 && random.nextDouble() < 0.7) {
                    node.dependsOn.add(nodes.get(random.nextInt(i)));
                }
            } else {
                for (FetchNode earlier : nodes) {
                    if (random.nextDouble() < density) {
                        node.dependsOn.add(earlier);
                    }
                }
                if (random.nextDouble() < 0.1) {
                    node.dependsOn.add(outside);
                }
            }
            nodes.add(node);
        }
        Collections.shuffle(nodes, random);
        return nodes;
    }

    /**
     * Walks the plan as the executor runs it. Returns, per fetch, the fetches certainly done when it
     * starts; fails when a fetch appears twice or not at all, or the tree has needless nesting.
     */
    private static Map<FetchNode, Set<FetchNode>> check(PlanNode plan, List<FetchNode> nodes, String context) {
        Map<FetchNode, Set<FetchNode>> doneAtStart = new HashMap<>();
        walk(plan, Set.of(), doneAtStart, context);
        assertEquals(new HashSet<>(nodes), doneAtStart.keySet(), context);
        return doneAtStart;
    }

    private static Set<FetchNode> walk(PlanNode node, Set<FetchNode> doneBefore, Map<FetchNode, Set<FetchNode>> doneAtStart,
                                       String context) {
        switch (node) {
            case PlanNode.Sequence s -> {
                assertTrue(s.nodes().size() > 1, "Sequence of one: " + context);
                Set<FetchNode> done = doneBefore;
                for (PlanNode step : s.nodes()) {
                    assertFalse(step instanceof PlanNode.Sequence, "Sequence in Sequence: " + context);
                    done = walk(step, done, doneAtStart, context);
                }
                return done;
            }
            case PlanNode.Parallel p -> {
                assertTrue(p.nodes().size() > 1, "Parallel of one: " + context);
                Set<FetchNode> done = new HashSet<>(doneBefore);
                for (PlanNode branch : p.nodes()) {
                    assertFalse(branch instanceof PlanNode.Parallel, "Parallel in Parallel: " + context);
                    done.addAll(walk(branch, doneBefore, doneAtStart, context));
                }
                return done;
            }
            case PlanNode.Fetch f -> {
                assertFalse(f.fetch().isEntityFetch(), context);
                return started(f.fetch(), doneBefore, doneAtStart, context);
            }
            case PlanNode.Flatten f -> {
                assertTrue(f.fetch().isEntityFetch(), context);
                assertEquals(f.fetch().mergePath(), f.path(), context);
                return started(f.fetch(), doneBefore, doneAtStart, context);
            }
        }
    }

    private static Set<FetchNode> started(FetchNode fetch, Set<FetchNode> doneBefore, Map<FetchNode, Set<FetchNode>> doneAtStart,
                                          String context) {
        if (doneAtStart.put(fetch, doneBefore) != null) {
            fail("fetch " + fetch.id() + " appears twice: " + context);
        }
        Set<FetchNode> done = new HashSet<>(doneBefore);
        done.add(fetch);
        return done;
    }

    private static Set<Integer> ids(Set<FetchNode> nodes) {
        return nodes.stream().map(FetchNode::id).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private static String describe(List<FetchNode> nodes) {
        StringBuilder out = new StringBuilder();
        for (FetchNode node : nodes) {
            out.append(node.id()).append("<-").append(node.dependsOn.stream().map(FetchNode::id).toList()).append(' ');
        }
        return out.toString().trim();
    }
}
