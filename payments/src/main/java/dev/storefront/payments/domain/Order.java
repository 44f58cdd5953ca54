package dev.storefront.payments.domain;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * The orders subgraph's {@code Order} entity as this subgraph sees it: only its key and the
 * payments this subgraph contributes. Payments know nothing else about orders, so any order id
 * resolves (an order without payments has an empty list).
 */
@Type("Order")
@Description("An order (owned by the orders subgraph); the payments subgraph adds its payments")
public class Order {

    private final String id;
    private Supplier<List<Payment>> loader;
    // named as the GraphQL field: without a field of that name Helidon 4.1.2 prints [Payment] (nullable)
    private List<Payment> payments;

    private Order(String id, Supplier<List<Payment>> loader) {
        this.id = id;
        this.loader = loader;
    }

    /**
     * An order whose payments are already loaded; each payment is placed under it.
     *
     * @param id       order id
     * @param payments its payments
     * @return the order
     */
    public static Order withPayments(String id, List<Payment> payments) {
        Order order = new Order(id, () -> payments);
        order.getPayments();
        return order;
    }

    /**
     * An order whose payments are loaded on first use, once; each payment is then placed under it.
     *
     * @param id     order id
     * @param loader loads the payments of this order
     * @return the order
     */
    public static Order loadingPayments(String id, Supplier<List<Payment>> loader) {
        return new Order(id, loader);
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    @Description("Payments for this order, oldest first")
    public synchronized List<@NonNull Payment> getPayments() {
        if (loader != null) {
            payments = loader.get();
            loader = null;
            payments.forEach(p -> p.belongsTo(this));
        }
        return payments;
    }
}
