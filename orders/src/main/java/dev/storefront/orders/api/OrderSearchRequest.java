package dev.storefront.orders.api;

import dev.storefront.orders.domain.OrderStatus;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** The admins' order search filter; every part is optional. */
// Helidon uses a name that differs from the class name as is, and appends "Input" to the class name otherwise
@Input("OrderSearchInput")
@Description("Which orders: by status and/or by account (both optional)")
public class OrderSearchRequest {

    private OrderStatus status;
    @Id
    private String userId;

    public OrderSearchRequest() {
    }

    public OrderStatus getStatus() {
        return status;
    }

    public void setStatus(OrderStatus status) {
        this.status = status;
    }

    @Id
    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }
}
