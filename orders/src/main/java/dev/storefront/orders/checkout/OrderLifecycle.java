package dev.storefront.orders.checkout;

import java.util.regex.Pattern;

import dev.storefront.orders.client.PaymentsClient;
import dev.storefront.orders.client.Remote;
import dev.storefront.orders.client.RemoteServiceException;
import dev.storefront.orders.client.UnexpectedResponseException;
import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderOutcome;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.orders.persistence.StatusChange;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.types.UserError;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The status changes after checkout: ship (capturing the payment), deliver, cancel (releasing stock
 * and voiding or refunding the payment). A move the status machine does not allow is answered with
 * {@code INVALID_TRANSITION}; the move itself is a conditional update, so of two racing requests
 * exactly one wins and the other is told the order's real status.
 */
@ApplicationScoped
public class OrderLifecycle {

    static final int MAX_REASON_LENGTH = 500;
    private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final OrderRepository orders;
    private final PaymentsClient payments;
    private final Compensation compensation;
    private final long compensationDelaySeconds;

    @Inject
    public OrderLifecycle(OrderRepository orders, PaymentsClient payments, Compensation compensation,
                          @ConfigProperty(name = "orders.recovery.compensation-delay-seconds", defaultValue = "5")
                          long compensationDelaySeconds) {
        this.orders = orders;
        this.payments = payments;
        this.compensation = compensation;
        this.compensationDelaySeconds = compensationDelaySeconds;
    }

    /**
     * Hand a paid order to the carrier: capture its payment, then mark it SHIPPED.
     *
     * @param orderId        the order
     * @param trackingNumber the carrier's tracking number
     * @return the outcome
     */
    public OrderOutcome ship(String orderId, String trackingNumber) {
        if (trackingNumber == null || !TRACKING_NUMBER.matcher(trackingNumber).matches()) {
            return OrderOutcome.failed(java.util.List.of(new UserError("INVALID_TRACKING_NUMBER",
                    "Tracking number must be 1-64 letters, digits or '-'", "trackingNumber")));
        }
        Order order = orders.findById(orderId).orElse(null);
        if (order == null) {
            return notFound(orderId);
        }
        if (!order.status().canBecome(OrderStatus.SHIPPED)) {
            return invalidTransition(order, OrderStatus.SHIPPED);
        }
        if (order.paymentId() != null) {
            // capture first: an order is never SHIPPED without its money taken
            try {
                String refusal = Remote.await(PaymentsClient.SERVICE_NAME, payments.capture(order.paymentId()));
                if (refusal != null) {
                    return OrderOutcome.failed(order, new UserError("PAYMENT_CAPTURE_FAILED",
                            "Payment " + order.paymentId() + " could not be captured: " + refusal));
                }
            } catch (RemoteServiceException | UnexpectedResponseException e) {
                return OrderOutcome.failed(order, new UserError("SERVICE_UNAVAILABLE",
                        "The payment could not be captured: " + e.getMessage() + "; the order is unchanged, try again later"));
            }
        }
        boolean moved = orders.apply(StatusChange.of(orderId, OrderStatus.PAID, OrderStatus.SHIPPED,
                "Shipped with tracking number " + trackingNumber).withTrackingNumber(trackingNumber));
        return moved ? OrderOutcome.of(reload(orderId)) : lostRace(orderId, OrderStatus.SHIPPED);
    }

    /**
     * Mark a shipped order delivered.
     *
     * @param orderId the order
     * @return the outcome
     */
    public OrderOutcome deliver(String orderId) {
        Order order = orders.findById(orderId).orElse(null);
        if (order == null) {
            return notFound(orderId);
        }
        if (!order.status().canBecome(OrderStatus.DELIVERED)) {
            return invalidTransition(order, OrderStatus.DELIVERED);
        }
        boolean moved = orders.apply(StatusChange.of(orderId, OrderStatus.SHIPPED, OrderStatus.DELIVERED, "Delivered"));
        return moved ? OrderOutcome.of(reload(orderId)) : lostRace(orderId, OrderStatus.DELIVERED);
    }

    /**
     * Cancel an order that has not shipped: mark it CANCELLED, then release its stock and void (or
     * refund) its payment. The status is written first with a recovery deadline, so an undo that
     * fails now (a service down) is finished by recovery; the order never ships meanwhile.
     *
     * @param orderId the order
     * @param reason  why, for the history
     * @return the outcome
     */
    public OrderOutcome cancel(String orderId, String reason) {
        String why = reason == null || reason.isBlank() ? "Cancelled" : reason.strip();
        if (why.length() > MAX_REASON_LENGTH) {
            return OrderOutcome.failed(java.util.List.of(new UserError("INVALID_REASON",
                    "Reason must be at most " + MAX_REASON_LENGTH + " characters", "reason")));
        }
        Order order = orders.findById(orderId).orElse(null);
        if (order == null) {
            return notFound(orderId);
        }
        if (!order.status().canBecome(OrderStatus.CANCELLED)) {
            return invalidTransition(order, OrderStatus.CANCELLED);
        }
        boolean moved = orders.apply(StatusChange.of(orderId, order.status(), OrderStatus.CANCELLED, why)
                .withRecoveryDueAt(UtcTimes.now().plusSeconds(compensationDelaySeconds)));
        if (!moved) {
            return lostRace(orderId, OrderStatus.CANCELLED);
        }
        if (compensation.undoAll(orderId)) {
            orders.scheduleRecovery(orderId, null);
        }
        return OrderOutcome.of(reload(orderId));
    }

    private Order reload(String orderId) {
        return orders.findById(orderId).orElseThrow();
    }

    private OrderOutcome lostRace(String orderId, OrderStatus wanted) {
        return invalidTransition(reload(orderId), wanted);
    }

    private static OrderOutcome notFound(String orderId) {
        return OrderOutcome.failed(java.util.List.of(new UserError("NOT_FOUND", "No order with id " + orderId, "id")));
    }

    private static OrderOutcome invalidTransition(Order order, OrderStatus wanted) {
        return OrderOutcome.failed(order, new UserError("INVALID_TRANSITION", "Order " + order.getId() + " is "
                + order.status() + " and cannot become " + wanted + " (allowed: " + order.status().successors() + ")"));
    }
}
