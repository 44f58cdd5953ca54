package dev.storefront.orders.checkout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.storefront.orders.client.AuthorizationOutcome;
import dev.storefront.orders.client.DeadlineExceededException;
import dev.storefront.orders.client.PaymentSummary;
import dev.storefront.orders.client.ProductSnapshot;
import dev.storefront.orders.client.ReservationOutcome;
import dev.storefront.orders.domain.OrderItem;
import dev.storefront.subgraph.types.Money;

/**
 * What the stand-ins for products and payments hold and were asked, shared with the test (the
 * stand-ins are beans behind CDI proxies, so their state lives here). Reset before each test.
 */
final class PeerLedger {

    /** Stock per product: prod-1 costs 1000 EUR minor units, prod-2 2500; nothing else exists. */
    static final Map<String, Integer> STOCK = new ConcurrentHashMap<>();
    /** Reservations held, by order id. */
    static final Map<String, List<OrderItem>> RESERVED = new ConcurrentHashMap<>();
    /** Every reservation asked for, by order id, held or not. */
    static final List<String> RESERVATIONS_ASKED = new CopyOnWriteArrayList<>();
    /** Every release asked for, by order id. */
    static final List<String> RELEASES_ASKED = new CopyOnWriteArrayList<>();
    /** Payments as payments would list them, by order id. */
    static final Map<String, PaymentSummary> PAYMENTS = new ConcurrentHashMap<>();
    /** Every authorization asked for, by order id. */
    static final List<String> AUTHORIZATIONS_ASKED = new CopyOnWriteArrayList<>();
    /** Every void asked for, by payment id. */
    static final List<String> VOIDS_ASKED = new CopyOnWriteArrayList<>();
    /** When set, every reservation fails this way (the call, not the business answer). */
    static volatile RuntimeException reservationFailure;
    /** When set, the stock a lookup showed is gone by the time of the reservation (another buyer was quicker). */
    static volatile boolean soldOutMeanwhile;

    private PeerLedger() {
    }

    static void reset() {
        STOCK.clear();
        STOCK.put("prod-1", 10);
        STOCK.put("prod-2", 10);
        RESERVED.clear();
        RESERVATIONS_ASKED.clear();
        RELEASES_ASKED.clear();
        PAYMENTS.clear();
        AUTHORIZATIONS_ASKED.clear();
        VOIDS_ASKED.clear();
        reservationFailure = null;
        soldOutMeanwhile = false;
    }

    static Map<String, ProductSnapshot> lookup(List<String> ids) {
        Map<String, ProductSnapshot> found = new LinkedHashMap<>();
        for (String id : ids) {
            Integer stock = STOCK.get(id);
            if (stock != null) {
                found.put(id, new ProductSnapshot(id, "Product " + id, new Money("prod-1".equals(id) ? 1000 : 2500, "EUR"), stock));
            }
        }
        return found;
    }

    /** All or nothing, once per order (a repeat answers the reservation held), as products' contract says. */
    static synchronized ReservationOutcome reserve(String orderId, List<OrderItem> items) {
        RESERVATIONS_ASKED.add(orderId);
        if (reservationFailure != null) {
            throw reservationFailure;
        }
        if (RESERVED.containsKey(orderId)) {
            return new ReservationOutcome.Reserved();
        }
        for (OrderItem item : items) {
            if (soldOutMeanwhile || STOCK.getOrDefault(item.productId(), 0) < item.quantity()) {
                return new ReservationOutcome.OutOfStock(item.productId(),
                        "Not enough stock of " + item.productId() + "; nothing was reserved");
            }
        }
        items.forEach(item -> STOCK.merge(item.productId(), -item.quantity(), Integer::sum));
        RESERVED.put(orderId, items);
        return new ReservationOutcome.Reserved();
    }

    /** @return whether released now or before (false: never asked to reserve) */
    static synchronized boolean release(String orderId) {
        RELEASES_ASKED.add(orderId);
        List<OrderItem> held = RESERVED.remove(orderId);
        if (held != null) {
            held.forEach(item -> STOCK.merge(item.productId(), item.quantity(), Integer::sum));
        }
        return held != null || RESERVATIONS_ASKED.contains(orderId);
    }

    static AuthorizationOutcome authorize(String orderId, Money amount, String cardNumber) {
        AUTHORIZATIONS_ASKED.add(orderId);
        String paymentId = "pay-" + orderId;
        switch (cardNumber) {
            case PaymentsStandIn.APPROVED -> {
                PAYMENTS.put(orderId, new PaymentSummary(paymentId, "AUTHORIZED", amount, 0, 0));
                return new AuthorizationOutcome.Authorized(paymentId);
            }
            case PaymentsStandIn.DECLINED -> {
                PAYMENTS.put(orderId, new PaymentSummary(paymentId, "DECLINED", amount, 0, 0));
                return new AuthorizationOutcome.Declined("CARD_DECLINED", "The card was declined", paymentId);
            }
            case PaymentsStandIn.PROVIDER_TIMEOUT -> {
                PAYMENTS.put(orderId, new PaymentSummary(paymentId, "FAILED", amount, 0, 0));
                // payments' own words for a 504 (InternalPaymentsResource)
                return new AuthorizationOutcome.ProviderTimeout("The card provider did not answer in time; nothing was authorized");
            }
            case PaymentsStandIn.SLOW -> {
                PAYMENTS.put(orderId, new PaymentSummary(paymentId, "PENDING", amount, 0, 0));
                throw new DeadlineExceededException("payments did not answer the authorization within the request's deadline");
            }
            default -> {
                return new AuthorizationOutcome.Refused("INVALID_REQUEST", "Unknown test card " + cardNumber);
            }
        }
    }

    /** Payments' answer as the card provider finishes: the payment of the order is now in {@code status}. */
    static void paymentBecomes(String orderId, String status) {
        PAYMENTS.computeIfPresent(orderId, (id, p) -> new PaymentSummary(p.paymentId(), status, p.amount(), 0, 0));
    }

    static String voidPayment(String paymentId) {
        VOIDS_ASKED.add(paymentId);
        PAYMENTS.replaceAll((orderId, p) -> p.paymentId().equals(paymentId) && p.isAuthorized()
                ? new PaymentSummary(paymentId, "VOIDED", p.amount(), 0, 0) : p);
        return null;
    }

    static List<PaymentSummary> paymentsOf(String orderId) {
        PaymentSummary payment = PAYMENTS.get(orderId);
        return payment == null ? List.of() : List.of(payment);
    }
}
