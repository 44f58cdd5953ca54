package dev.storefront.orders.api;

import java.util.List;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderOutcome;
import dev.storefront.subgraph.types.UserError;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of a status change (ship, deliver, cancel). */
@Type("OrderPayload")
@Description("The order as it now is, and userErrors when the change was not made")
public class OrderPayload {

    private final Order order;
    private final List<UserError> userErrors;

    OrderPayload(OrderOutcome outcome) {
        this.order = outcome.order();
        this.userErrors = outcome.userErrors();
    }

    public Order getOrder() {
        return order;
    }

    @NonNull
    @Description("Codes: NOT_FOUND, INVALID_TRANSITION, INVALID_TRACKING_NUMBER, INVALID_REASON, "
            + "PAYMENT_CAPTURE_FAILED, SERVICE_UNAVAILABLE")
    public List<@NonNull UserError> getUserErrors() {
        return userErrors;
    }
}
