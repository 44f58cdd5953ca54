package dev.storefront.orders.domain;

import java.util.List;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** An order as stored; its items and history come from the {@link OrderDetails} of the batch it was read in. */
@Type("Order")
@Description("A customer's order: what was bought at which price, and where it stands")
public class Order {

    // every GraphQL field has a Java field: Helidon reads nullability from the field of a getter
    private final String id;
    private final User user;
    private final OrderStatus status;
    private final Money total;
    private final String trackingNumber;
    private final String paymentId;
    private final String failureCode;
    private final String createdAt;
    private final OrderDetails details;
    private List<OrderItem> items;
    private List<OrderStatusChange> statusHistory;
    private ShippingAddress shippingAddress;
    private boolean shippingAddressRead;

    public Order(String id, String userId, OrderStatus status, Money total, String trackingNumber, String paymentId,
                 String failureCode, String createdAt, OrderDetails details) {
        this.id = id;
        this.user = new User(userId);
        this.status = status;
        this.total = total;
        this.trackingNumber = trackingNumber;
        this.paymentId = paymentId;
        this.failureCode = failureCode;
        this.createdAt = createdAt;
        this.details = details;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    @Description("Who placed the order")
    public User getUser() {
        return user;
    }

    @NonNull
    public synchronized List<@NonNull OrderItem> getItems() {
        if (items == null) {
            items = details.itemsOf(id);
        }
        return items;
    }

    @NonNull
    @Description("Sum of the line totals")
    public Money getTotal() {
        return total;
    }

    @NonNull
    public OrderStatus getStatus() {
        return status;
    }

    @NonNull
    @Description("Every status the order entered, oldest first, with the reason")
    public synchronized List<@NonNull OrderStatusChange> getStatusHistory() {
        if (statusHistory == null) {
            statusHistory = details.historyOf(id);
        }
        return statusHistory;
    }

    @Description("Where the order ships: a copy of the account's address as it was when the order was placed "
            + "(null for orders placed without one)")
    public synchronized ShippingAddress getShippingAddress() {
        if (!shippingAddressRead) {
            shippingAddress = details.shippingAddressOf(id);
            shippingAddressRead = true;
        }
        return shippingAddress;
    }

    @Description("Carrier tracking number, once shipped")
    public String getTrackingNumber() {
        return trackingNumber;
    }

    @NonNull
    @Description("When the order was placed, ISO-8601 UTC")
    public String getCreatedAt() {
        return createdAt;
    }

    /** @return owner's id (accessors without a getter name are not GraphQL fields) */
    public String userId() {
        return user.getId();
    }

    /** @return current status */
    public OrderStatus status() {
        return status;
    }

    /** @return total */
    public Money total() {
        return total;
    }

    /** @return the payment authorized for the order, or {@code null} */
    public String paymentId() {
        return paymentId;
    }

    /** @return code of the business failure that ended the checkout, or {@code null} */
    public String failureCode() {
        return failureCode;
    }

    /** @return the order's lines */
    public List<OrderItem> items() {
        return getItems();
    }
}
