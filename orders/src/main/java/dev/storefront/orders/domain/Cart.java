package dev.storefront.orders.domain;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A cart as stored: the signed-in account's, or an anonymous one held by a cart token. */
@Type("Cart")
@Description("A shopper's cart: the signed-in account's (same on every device) or an anonymous one held by a cart token")
public class Cart {

    // every GraphQL field has a Java field: Helidon reads nullability from the field of a getter
    private final String id;
    private final List<CartLine> lines;
    private final int itemCount;
    private final String updatedAt;

    public Cart(String id, List<CartLine> lines, String updatedAt) {
        this.id = id;
        this.lines = List.copyOf(lines);
        this.itemCount = lines.stream().mapToInt(CartLine::quantity).sum();
        this.updatedAt = updatedAt;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    @Description("Oldest added first")
    public List<@NonNull CartLine> getLines() {
        return lines;
    }

    @Description("Sum of the lines' quantities")
    public int getItemCount() {
        return itemCount;
    }

    @NonNull
    @Description("When the cart last changed, ISO-8601 UTC")
    public String getUpdatedAt() {
        return updatedAt;
    }

    /** @return the lines (not a GraphQL field: no getter name) */
    public List<CartLine> lines() {
        return lines;
    }
}
