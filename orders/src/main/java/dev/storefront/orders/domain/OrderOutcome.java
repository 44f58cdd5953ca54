package dev.storefront.orders.domain;

import java.util.List;

import dev.storefront.subgraph.types.UserError;

/**
 * The result of an order operation: the order as it now is (when there is one) and the business
 * failures that stopped the operation (empty on success).
 *
 * @param order      the order, or {@code null}
 * @param userErrors why the operation did not (fully) succeed
 */
public record OrderOutcome(Order order, List<UserError> userErrors) {

    public static OrderOutcome of(Order order) {
        return new OrderOutcome(order, List.of());
    }

    public static OrderOutcome failed(Order order, UserError error) {
        return new OrderOutcome(order, List.of(error));
    }

    public static OrderOutcome failed(List<UserError> errors) {
        return new OrderOutcome(null, List.copyOf(errors));
    }
}
