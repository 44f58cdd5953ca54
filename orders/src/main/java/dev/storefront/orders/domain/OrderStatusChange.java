package dev.storefront.orders.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A status an order entered, when and why. */
@Type("OrderStatusChange")
@Description("A status an order entered, when and why")
public class OrderStatusChange {

    private final OrderStatus status;
    private final String at;
    private final String reason;

    public OrderStatusChange(OrderStatus status, String at, String reason) {
        this.status = status;
        this.at = at;
        this.reason = reason;
    }

    @NonNull
    public OrderStatus getStatus() {
        return status;
    }

    @NonNull
    @Description("When, ISO-8601 UTC")
    public String getAt() {
        return at;
    }

    @Description("Why, e.g. the payment decline message")
    public String getReason() {
        return reason;
    }
}
