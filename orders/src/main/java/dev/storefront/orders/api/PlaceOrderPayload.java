package dev.storefront.orders.api;

import java.util.List;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderOutcome;
import dev.storefront.subgraph.types.UserError;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of a checkout. */
@Type("PlaceOrderPayload")
@Description("The order (PAID on success; CANCELLED or PAYMENT_FAILED with the reason when a later step failed) "
        + "and userErrors saying what went wrong; order is null when the request was refused before an order existed")
public class PlaceOrderPayload {

    private final Order order;
    private final List<UserError> userErrors;

    PlaceOrderPayload(OrderOutcome outcome) {
        this.order = outcome.order();
        this.userErrors = outcome.userErrors();
    }

    public Order getOrder() {
        return order;
    }

    @NonNull
    @Description("Codes: INVALID_ID, INVALID_ITEMS, INVALID_QUANTITY, DUPLICATE_ITEM, INVALID_PRICE, INVALID_CARD_NUMBER, "
            + "INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, PRODUCT_NOT_FOUND, CURRENCY_MISMATCH, PRICE_CHANGED, "
            + "OUT_OF_STOCK, PAYMENT_DECLINED, INSUFFICIENT_FUNDS, PAYMENT_PROVIDER_TIMEOUT, PAYMENT_REJECTED, "
            + "SERVICE_UNAVAILABLE, CHECKOUT_IN_PROGRESS, CHECKOUT_ABORTED, TOTAL_TOO_LARGE, ADDRESS_NOT_FOUND, EMPTY_CART (checkout)")
    public List<@NonNull UserError> getUserErrors() {
        return userErrors;
    }
}
