package dev.storefront.orders.checkout;

import java.util.List;

import dev.storefront.orders.client.RemoteServiceException;
import dev.storefront.orders.domain.CheckoutRequest;
import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderOutcome;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;

import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/**
 * The checkout saga, its compensation and its recovery inside orders: the products and payments
 * clients are CDI stand-ins ({@link ProductsStandIn}, {@link PaymentsStandIn}) keeping a ledger
 * of what they were asked, the orders database is real. The same flows across the real services
 * run in e2e/ (CheckoutTest, CartCheckoutTest, DeadlineTest).
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(ProductsStandIn.class)
@AddBean(PaymentsStandIn.class)
@AddConfig(key = "orders.recovery.compensation-delay-seconds", value = "0")
// the clients' fault tolerance stays on (inherited by the stand-ins) but for the circuit breakers:
// the unreachable products of one test would otherwise open them for the next
@AddConfig(key = "CircuitBreaker/enabled", value = "false")
class CheckoutSagaTest {

    @Inject
    CheckoutSaga saga;
    @Inject
    CheckoutRecovery recovery;
    @Inject
    OrderRepository orders;
    @Inject
    MetricRegistry metrics;

    @BeforeEach
    void freshPeers() {
        PeerLedger.reset();
    }

    @Test
    void anApprovedPaymentPaysTheOrderAndKeepsTheStock() {
        OrderOutcome outcome = saga.placeOrder(checkout("k-ok", PaymentsStandIn.APPROVED, 3));

        assertThat(outcome.userErrors().toString(), outcome.userErrors(), empty());
        Order order = stored(outcome);
        assertThat(order.status(), is(OrderStatus.PAID));
        assertThat(order.paymentId(), is("pay-" + order.getId()));
        assertThat(PeerLedger.STOCK.get("prod-1"), is(7));
        assertThat(PeerLedger.RELEASES_ASKED, empty());
    }

    @Test
    void thePaidOrderAnsweredIsTheOrderStored() {
        // the answer and what a later read finds agree (the saga skips reads it does not need)
        long readsBefore = statements("order-by-id");
        OrderOutcome outcome = saga.placeOrder(checkout("k-answer", PaymentsStandIn.APPROVED, 2));
        assertThat("the paid order is answered as the saga wrote it, not read back", statements("order-by-id") - readsBefore,
                is(0L));

        Order answered = outcome.order();
        Order stored = stored(outcome);
        assertThat(answered.status(), is(stored.status()));
        assertThat(answered.userId(), is(stored.userId()));
        assertThat(answered.paymentId(), is(stored.paymentId()));
        assertThat(answered.failureCode(), is(stored.failureCode()));
        assertThat(answered.getTotal().getAmountMinor(), is(stored.getTotal().getAmountMinor()));
        assertThat(answered.getTotal().getCurrency(), is(stored.getTotal().getCurrency()));
        assertThat(answered.getCreatedAt(), is(stored.getCreatedAt()));
        assertThat(answered.getItems().stream().map(CheckoutSagaTest::line).toList(),
                is(stored.getItems().stream().map(CheckoutSagaTest::line).toList()));
        assertThat(answered.getStatusHistory().stream().map(dev.storefront.orders.domain.OrderStatusChange::getStatus).toList(),
                contains(OrderStatus.PENDING, OrderStatus.PAID));
    }

    @Test
    void aDeclinedPaymentReleasesTheStock() {
        OrderOutcome outcome = saga.placeOrder(checkout("k-declined", PaymentsStandIn.DECLINED, 3));

        assertThat(outcome.userErrors().get(0).getCode(), is("CARD_DECLINED"));
        Order order = stored(outcome);
        assertThat(order.status(), is(OrderStatus.PAYMENT_FAILED));
        assertThat(PeerLedger.RESERVATIONS_ASKED, contains(order.getId()));
        assertThat(PeerLedger.RELEASES_ASKED, contains(order.getId()));
        assertThat(PeerLedger.STOCK.get("prod-1"), is(10));
        assertThat("nothing held, so nothing to void", PeerLedger.VOIDS_ASKED, empty());
    }

    @Test
    void aProviderTimeoutFailsThePaymentSayingSoOnce() {
        OrderOutcome outcome = saga.placeOrder(checkout("k-provider-timeout", PaymentsStandIn.PROVIDER_TIMEOUT, 2));

        assertThat(outcome.userErrors().get(0).getCode(), is("PAYMENT_PROVIDER_TIMEOUT"));
        // payments' words as they are: not "The card provider did not answer in time: The card provider did not ..."
        assertThat(outcome.userErrors().get(0).getMessage(), is("The card provider did not answer in time; nothing was authorized"));
        Order order = stored(outcome);
        assertThat(order.status(), is(OrderStatus.PAYMENT_FAILED));
        assertThat(PeerLedger.RELEASES_ASKED, contains(order.getId()));
        assertThat(PeerLedger.STOCK.get("prod-1"), is(10));
    }

    @Test
    void aReservationThatFailsNeverCharges() {
        PeerLedger.soldOutMeanwhile = true;
        OrderOutcome outOfStock = saga.placeOrder(checkout("k-short", PaymentsStandIn.APPROVED, 1));
        assertThat(outOfStock.userErrors().get(0).getCode(), is("OUT_OF_STOCK"));
        assertThat(stored(outOfStock).status(), is(OrderStatus.CANCELLED));
        PeerLedger.soldOutMeanwhile = false;

        PeerLedger.reservationFailure = new RemoteServiceException("products unreachable (reservation): Connection refused");
        OrderOutcome unreachable = saga.placeOrder(checkout("k-down", PaymentsStandIn.APPROVED, 1));
        assertThat(unreachable.userErrors().get(0).getCode(), is("SERVICE_UNAVAILABLE"));
        Order order = stored(unreachable);
        assertThat(order.status(), is(OrderStatus.CANCELLED));
        // the reservation may have happened with its answer lost: released all the same
        assertThat(PeerLedger.RELEASES_ASKED, contains(order.getId()));

        assertThat(PeerLedger.AUTHORIZATIONS_ASKED, empty());
        assertThat(PeerLedger.STOCK.get("prod-1"), is(10));
    }

    @Test
    void anAuthorizationCutShortLeavesTheOrderToRecovery() {
        OrderOutcome outcome = saga.placeOrder(checkout("k-slow", PaymentsStandIn.SLOW, 2));

        assertThat(outcome.userErrors().get(0).getCode(), is("CHECKOUT_IN_PROGRESS"));
        Order order = stored(outcome);
        assertThat(order.status(), is(OrderStatus.PENDING));
        assertThat("nothing undone while payments may still authorize", PeerLedger.RELEASES_ASKED, empty());
        assertThat(PeerLedger.VOIDS_ASKED, empty());

        // payments still at the provider: recovery waits
        recovery.resolveDue();
        assertThat(orders.findById(order.getId()).orElseThrow().status(), is(OrderStatus.PENDING));

        // the provider authorized after all: recovery completes the order with that payment
        PeerLedger.paymentBecomes(order.getId(), "AUTHORIZED");
        forceRecoveryDue(order.getId());
        recovery.resolveDue();
        Order recovered = orders.findById(order.getId()).orElseThrow();
        assertThat(recovered.status(), is(OrderStatus.PAID));
        assertThat(recovered.paymentId(), is("pay-" + order.getId()));
        assertThat(PeerLedger.STOCK.get("prod-1"), is(8));
        assertThat(PeerLedger.RELEASES_ASKED, empty());
    }

    @Test
    void aCutShortAuthorizationThatFailedIsUndoneByRecovery() {
        OrderOutcome outcome = saga.placeOrder(checkout("k-slow-failed", PaymentsStandIn.SLOW, 2));
        Order order = stored(outcome);

        PeerLedger.paymentBecomes(order.getId(), "FAILED");
        forceRecoveryDue(order.getId());
        recovery.resolveDue();

        Order recovered = orders.findById(order.getId()).orElseThrow();
        assertThat(recovered.status(), is(OrderStatus.PAYMENT_FAILED));
        assertThat(recovered.failureCode(), is("PAYMENT_PROVIDER_TIMEOUT"));
        assertThat(PeerLedger.RELEASES_ASKED, contains(order.getId()));
        assertThat(PeerLedger.STOCK.get("prod-1"), is(10));
    }

    private static String line(dev.storefront.orders.domain.OrderItem item) {
        return item.productId() + " x" + item.getQuantity() + " @" + item.getUnitPrice().getAmountMinor()
                + item.getUnitPrice().getCurrency();
    }

    private void forceRecoveryDue(String orderId) {
        orders.scheduleRecovery(orderId, UtcTimes.now().minusSeconds(1));
    }

    private Order stored(OrderOutcome outcome) {
        return orders.findById(outcome.order().getId()).orElseThrow();
    }

    private static CheckoutRequest checkout(String key, String card, int quantity) {
        return new CheckoutRequest("user-1", List.of(new CheckoutRequest.Line("prod-1", quantity, null)), card, key);
    }

    private long statements(String name) {
        return metrics.counter("db.statements", new Tag("statement", name)).getCount();
    }
}
