package dev.storefront.orders.checkout;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import dev.storefront.orders.client.PaymentSummary;
import dev.storefront.orders.client.PaymentsClient;
import dev.storefront.orders.client.ProductsClient;
import dev.storefront.orders.client.Remote;
import dev.storefront.orders.client.RemoteServiceException;
import dev.storefront.orders.client.ReservationOutcome;
import dev.storefront.orders.client.UnexpectedResponseException;
import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.orders.persistence.StatusChange;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.jobs.RecurringJob;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finishes what an interrupted checkout or cancellation left: at start-up and then periodically,
 * every order whose {@code recovery_due_at} has passed is resolved.
 * <ul>
 *     <li>PENDING past the deadline (the saga died between steps): if payments holds an authorization
 *     for it, the reservation is (idempotently) made and the order completed as PAID; while payments
 *     is still waiting for the provider, it waits too; otherwise it ends PAYMENT_FAILED (a decline or
 *     a provider timeout was recorded) or CANCELLED (no payment was attempted), and its stock is
 *     released.</li>
 *     <li>CANCELLED or PAYMENT_FAILED with an undo still open: stock released, authorizations
 *     voided, captures refunded; retried until everything is confirmed.</li>
 * </ul>
 * Every remote step is idempotent and every status change conditional, so running this beside a
 * live saga or on several instances cannot double-charge, double-release or move an order twice.
 */
@ApplicationScoped
public class CheckoutRecovery {

    private static final System.Logger LOGGER = System.getLogger(CheckoutRecovery.class.getName());
    private static final int BATCH = 100;

    private final OrderRepository orders;
    private final ProductsClient products;
    private final PaymentsClient payments;
    private final Compensation compensation;
    private final long intervalSeconds;
    private RecurringJob job;

    @Inject
    public CheckoutRecovery(OrderRepository orders, ProductsClient products, PaymentsClient payments, Compensation compensation,
                            @ConfigProperty(name = "orders.recovery.interval-seconds", defaultValue = "10") long intervalSeconds) {
        this.orders = orders;
        this.products = products;
        this.payments = payments;
        this.compensation = compensation;
        this.intervalSeconds = intervalSeconds;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        job = RecurringJob.start("order-recovery", Duration.ofSeconds(intervalSeconds), () -> {
            int resolved = resolveDue();
            if (resolved > 0) {
                LOGGER.log(Level.INFO, "Recovery resolved " + resolved + " order(s)");
            }
        });
    }

    @PreDestroy
    void stop() {
        if (job != null) {
            job.close();
        }
    }

    /**
     * Resolve every order whose recovery time has come.
     *
     * @return how many orders were fully resolved
     */
    public int resolveDue() {
        int resolved = 0;
        LocalDateTime now = UtcTimes.now();
        for (Order order : orders.dueForRecovery(now, BATCH)) {
            if (resolve(order)) {
                orders.scheduleRecovery(order.getId(), null);
                resolved++;
            } else {
                orders.scheduleRecovery(order.getId(), UtcTimes.now().plusSeconds(intervalSeconds));
            }
        }
        return resolved;
    }

    private boolean resolve(Order order) {
        return switch (order.status()) {
            case PENDING -> resolvePending(order);
            case CANCELLED, PAYMENT_FAILED -> compensation.undoAll(order.getId());
            case PAID, SHIPPED, DELIVERED -> true;
        };
    }

    private boolean resolvePending(Order order) {
        String orderId = order.getId();
        List<PaymentSummary> found;
        try {
            found = Remote.await(PaymentsClient.SERVICE_NAME, payments.paymentsOf(orderId));
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            LOGGER.log(Level.WARNING, "Recovery of " + orderId + " waits for payments: " + e.getMessage());
            return false;
        }
        Optional<PaymentSummary> held = found.stream().filter(p -> p.isAuthorized() || p.isCaptured()).findFirst();
        if (held.isPresent()) {
            return complete(order, held.get());
        }
        if (found.stream().anyMatch(PaymentSummary::isInProgress)) {
            // deciding now could cancel an order whose payment is about to be authorized: ask again later
            LOGGER.log(Level.INFO, "Recovery of " + orderId + " waits for its authorization to finish at payments");
            return false;
        }
        boolean declined = found.stream().anyMatch(PaymentSummary::isDeclined);
        boolean timedOut = found.stream().anyMatch(PaymentSummary::isFailed);
        StatusChange end = declined
                ? StatusChange.of(orderId, OrderStatus.PENDING, OrderStatus.PAYMENT_FAILED,
                        "Payment declined; checkout finished by recovery, stock released").withFailureCode("PAYMENT_DECLINED")
                : timedOut
                ? StatusChange.of(orderId, OrderStatus.PENDING, OrderStatus.PAYMENT_FAILED,
                        "The card provider did not answer in time; checkout finished by recovery, stock released")
                        .withFailureCode("PAYMENT_PROVIDER_TIMEOUT")
                : StatusChange.of(orderId, OrderStatus.PENDING, OrderStatus.CANCELLED,
                        "Checkout interrupted before the payment was authorized; stock released by recovery")
                        .withFailureCode("CHECKOUT_INTERRUPTED");
        // keep the recovery mark until the undo is confirmed
        orders.apply(end.withRecoveryDueAt(UtcTimes.now().plusSeconds(intervalSeconds)));
        return compensation.undoAll(orderId);
    }

    /** The payment was authorized before the crash: make sure the stock is held, then the order is PAID. */
    private boolean complete(Order order, PaymentSummary payment) {
        String orderId = order.getId();
        ReservationOutcome reservation;
        try {
            reservation = Remote.await(ProductsClient.SERVICE_NAME, products.reserve(orderId, order.items()));
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            LOGGER.log(Level.WARNING, "Recovery of " + orderId + " waits for products: " + e.getMessage());
            return false;
        }
        if (reservation instanceof ReservationOutcome.Reserved) {
            orders.apply(StatusChange.of(orderId, OrderStatus.PENDING, OrderStatus.PAID,
                    "Payment " + payment.paymentId() + " authorized; checkout completed by recovery")
                    .withPaymentId(payment.paymentId()));
            return true;
        }
        String why = reservation instanceof ReservationOutcome.OutOfStock out ? out.message()
                : ((ReservationOutcome.Refused) reservation).message();
        orders.apply(StatusChange.of(orderId, OrderStatus.PENDING, OrderStatus.CANCELLED,
                        "Stock could not be held when recovery completed the checkout: " + why + "; payment voided")
                .withFailureCode(reservation instanceof ReservationOutcome.OutOfStock ? "OUT_OF_STOCK" : "RESERVATION_REFUSED")
                .withRecoveryDueAt(UtcTimes.now().plusSeconds(intervalSeconds)));
        return compensation.undoAll(orderId);
    }
}
