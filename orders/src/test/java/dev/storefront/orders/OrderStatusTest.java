package dev.storefront.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.storefront.orders.domain.OrderStatus;

import org.junit.jupiter.api.Test;

import static dev.storefront.orders.domain.OrderStatus.CANCELLED;
import static dev.storefront.orders.domain.OrderStatus.DELIVERED;
import static dev.storefront.orders.domain.OrderStatus.PAID;
import static dev.storefront.orders.domain.OrderStatus.PAYMENT_FAILED;
import static dev.storefront.orders.domain.OrderStatus.PENDING;
import static dev.storefront.orders.domain.OrderStatus.SHIPPED;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The status machine: every one of the 36 (from, to) pairs, allowed exactly when the issue says so. */
class OrderStatusTest {

    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(PAID, PAYMENT_FAILED, CANCELLED),
            PAID, EnumSet.of(SHIPPED, CANCELLED),
            SHIPPED, EnumSet.of(DELIVERED),
            DELIVERED, EnumSet.noneOf(OrderStatus.class),
            PAYMENT_FAILED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class));

    @Test
    void everyPairIsAllowedExactlyWhenListed() {
        int allowed = 0;
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                boolean expected = ALLOWED.get(from).contains(to);
                assertThat(from + " -> " + to, from.canBecome(to), is(expected));
                allowed += expected ? 1 : 0;
            }
        }
        assertThat(allowed, is(6));
    }

    @Test
    void finalStatusesHaveNoSuccessor() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(status.toString(), status.isFinal(), is(ALLOWED.get(status).isEmpty()));
        }
    }
}
