package dev.storefront.orders.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A checkout request as the client sends it; validated into userErrors by the mutation. It names
 * no buyer: the order belongs to the signed-in caller, so no one can order as someone else.
 */
// Helidon uses a name that differs from the class name as is, and appends "Input" to the class name otherwise
@Input("PlaceOrderInput")
@Description("What to buy, how to pay, and the client's idempotency key; the order is the signed-in caller's")
public class PlaceOrderRequest {

    @NonNull
    private List<OrderItemRequest> items;
    @NonNull
    private PaymentMethodRequest paymentMethod;
    @NonNull
    private String idempotencyKey;
    @Id
    private String shippingAddressId;

    public PlaceOrderRequest() {
    }

    @NonNull
    @Description("1-50 lines, each product at most once")
    public List<@NonNull OrderItemRequest> getItems() {
        return items;
    }

    public void setItems(List<OrderItemRequest> items) {
        this.items = items;
    }

    @NonNull
    public PaymentMethodRequest getPaymentMethod() {
        return paymentMethod;
    }

    public void setPaymentMethod(PaymentMethodRequest paymentMethod) {
        this.paymentMethod = paymentMethod;
    }

    @NonNull
    @Description("Client-chosen key, 1-128 letters, digits or '_.:-', unique per account: sending the same request "
            + "again with it never orders or charges twice, and answers the first request's outcome")
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    @Id
    @Description("One of the caller's addresses (User.addresses): when given, a copy goes onto the order")
    public String getShippingAddressId() {
        return shippingAddressId;
    }

    public void setShippingAddressId(String shippingAddressId) {
        this.shippingAddressId = shippingAddressId;
    }
}
