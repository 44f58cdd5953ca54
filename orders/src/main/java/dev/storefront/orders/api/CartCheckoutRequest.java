package dev.storefront.orders.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** A cart checkout as the client sends it: the items are the cart's lines, the buyer the signed-in caller. */
// Helidon uses a name that differs from the class name as is, and appends "Input" to the class name otherwise
@Input("CheckoutInput")
@Description("How to pay, where to ship, and the client's idempotency key; the items are the signed-in caller's cart")
public class CartCheckoutRequest {

    @NonNull
    private String idempotencyKey;
    @NonNull
    @Id
    private String shippingAddressId;
    @NonNull
    private PaymentMethodRequest paymentMethod;

    public CartCheckoutRequest() {
    }

    @NonNull
    @Description("Client-chosen key, 1-128 letters, digits or '_.:-', unique per account: sending the checkout again "
            + "with it answers the same order and never orders, charges or empties the cart twice")
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    @NonNull
    @Id
    @Description("One of the caller's addresses (User.addresses): a copy goes onto the order")
    public String getShippingAddressId() {
        return shippingAddressId;
    }

    public void setShippingAddressId(String shippingAddressId) {
        this.shippingAddressId = shippingAddressId;
    }

    @NonNull
    public PaymentMethodRequest getPaymentMethod() {
        return paymentMethod;
    }

    public void setPaymentMethod(PaymentMethodRequest paymentMethod) {
        this.paymentMethod = paymentMethod;
    }
}
