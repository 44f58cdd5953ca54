package dev.storefront.orders.domain;

import dev.storefront.subgraph.types.Money;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** One line of an order, priced when the order was placed. */
@Type("OrderItem")
@Description("One line of an order, at the unit price charged when the order was placed")
public class OrderItem {

    // every GraphQL field has a Java field: Helidon reads nullability from the field of a getter
    private final Product product;
    private final int quantity;
    private final Money unitPrice;
    private final Money lineTotal;

    public OrderItem(String productId, int quantity, Money unitPrice) {
        this.product = new Product(productId);
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.lineTotal = new Money(Math.multiplyExact(unitPrice.getAmountMinor(), quantity), unitPrice.getCurrency());
    }

    @NonNull
    public Product getProduct() {
        return product;
    }

    @Description("Units ordered, at least 1")
    public int getQuantity() {
        return quantity;
    }

    @NonNull
    @Description("Price of one unit when the order was placed")
    public Money getUnitPrice() {
        return unitPrice;
    }

    @NonNull
    @Description("unitPrice × quantity")
    public Money getLineTotal() {
        return lineTotal;
    }

    /** @return the product's id (not a GraphQL field: no getter name) */
    public String productId() {
        return product.getId();
    }

    /** @return units ordered */
    public int quantity() {
        return quantity;
    }
}
