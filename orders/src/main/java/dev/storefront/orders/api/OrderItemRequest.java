package dev.storefront.orders.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** One line of a checkout request. */
// Helidon uses a name that differs from the class name as is, and appends "Input" to the class name otherwise
@Input("OrderItemInput")
@Description("A product and how many units of it")
public class OrderItemRequest {

    @NonNull
    @Id
    private String productId;
    private int quantity;
    private Integer expectedUnitPriceMinor;

    public OrderItemRequest() {
    }

    @NonNull
    @Id
    public String getProductId() {
        return productId;
    }

    public void setProductId(String productId) {
        this.productId = productId;
    }

    @Description("Units, 1-1000")
    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    @Description("The unit price the customer saw, in minor units: if the price has changed since, the order is "
            + "refused with PRICE_CHANGED instead of charging a different amount. Omit to accept the current price.")
    public Integer getExpectedUnitPriceMinor() {
        return expectedUnitPriceMinor;
    }

    public void setExpectedUnitPriceMinor(Integer expectedUnitPriceMinor) {
        this.expectedUnitPriceMinor = expectedUnitPriceMinor;
    }
}
