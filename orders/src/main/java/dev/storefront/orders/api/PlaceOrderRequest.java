package dev.storefront.orders.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A checkout request as the client sends it; validated into userErrors by the mutation. */
// Helidon uses a name that differs from the class name as is, and appends "Input" to the class name otherwise
@Input("PlaceOrderInput")
@Description("What to buy, how to pay, and the client's idempotency key")
public class PlaceOrderRequest {

    @NonNull
    @Id
    private String userId;
    @NonNull
    private List<OrderItemRequest> items;
    @NonNull
    private PaymentMethodRequest paymentMethod;
    @NonNull
    private String idempotencyKey;

    public PlaceOrderRequest() {
    }

    @NonNull
    @Id
    @Description("Who orders (until a later change takes it from the caller's token)")
    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
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
    @Description("Client-chosen key, 1-128 letters, digits or '_.:-': sending the same request again with it "
            + "never orders or charges twice, and answers the first request's outcome")
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }
}
