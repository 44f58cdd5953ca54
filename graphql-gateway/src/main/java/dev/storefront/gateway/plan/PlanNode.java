package dev.storefront.gateway.plan;

import java.util.List;

/** A node of the query plan tree, in the shape of Apollo's query plans. */
public sealed interface PlanNode {
    /** Children run one after another. */
    record Sequence(List<PlanNode> nodes) implements PlanNode {
    }

    /** Children run at the same time. */
    record Parallel(List<PlanNode> nodes) implements PlanNode {
    }

    /** One subgraph request. */
    record Fetch(FetchNode fetch) implements PlanNode {
    }

    /** An entity fetch applied to the objects at a path of the response. */
    record Flatten(List<String> path, FetchNode fetch) implements PlanNode {
    }
}
