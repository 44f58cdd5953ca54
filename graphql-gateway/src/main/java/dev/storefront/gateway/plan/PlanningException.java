package dev.storefront.gateway.plan;

/** The operation is valid against the API schema but no set of subgraph fetches can answer it. */
public class PlanningException extends RuntimeException {
    public PlanningException(String message) {
        super(message);
    }
}
