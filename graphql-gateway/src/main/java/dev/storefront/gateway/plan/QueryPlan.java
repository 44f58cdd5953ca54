package dev.storefront.gateway.plan;

import java.util.List;

/**
 * The plan for one operation.
 *
 * @param operation the normalized operation the response is written by
 * @param root the fetch tree, null when the gateway answers everything itself (introspection only)
 */
public record QueryPlan(NormalizedOperation operation, PlanNode root) {

    /** Readable, stable printout in the style of Apollo's query plans. */
    public String print() {
        StringBuilder out = new StringBuilder("QueryPlan {\n");
        if (root != null) {
            print(root, 1, out);
        }
        return out.append("}").toString();
    }

    private static void print(PlanNode node, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        switch (node) {
            case PlanNode.Sequence s -> block("Sequence", s.nodes(), depth, out);
            case PlanNode.Parallel p -> block("Parallel", p.nodes(), depth, out);
            case PlanNode.Fetch f -> fetch(f.fetch(), depth, out);
            case PlanNode.Flatten f -> {
                out.append(indent).append("Flatten(path: \"").append(String.join(".", f.path())).append("\") {\n");
                fetch(f.fetch(), depth + 1, out);
                out.append(indent).append("},\n");
            }
        }
    }

    private static void block(String name, List<PlanNode> nodes, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        out.append(indent).append(name).append(" {\n");
        nodes.forEach(n -> print(n, depth + 1, out));
        out.append(indent).append("},\n");
    }

    private static void fetch(FetchNode fetch, int depth, StringBuilder out) {
        String indent = "  ".repeat(depth);
        out.append(indent).append("Fetch(service: \"").append(fetch.subgraph()).append("\") {\n");
        if (fetch.isEntityFetch()) {
            out.append(indent).append("  ").append(fetch.requiresText()).append(" =>\n");
        }
        out.append(indent).append("  ").append(fetch.operation()).append('\n');
        out.append(indent).append("},\n");
    }
}
