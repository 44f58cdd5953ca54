package dev.storefront.orders.checkout;

import java.util.List;
import java.util.Optional;

import dev.storefront.orders.domain.Cart;
import dev.storefront.orders.domain.CheckoutRequest;
import dev.storefront.orders.domain.OrderOutcome;
import dev.storefront.orders.persistence.CartRepository;
import dev.storefront.orders.persistence.OrderRepository;
import dev.storefront.subgraph.types.UserError;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Buys the signed-in shopper's cart: its lines as they are now become the items of a
 * {@link CheckoutSaga#placeOrder} run (with the shipping address and the idempotency key), and the
 * order remembers its cart. The cart is not touched here: when the order becomes PAID, the
 * transaction that records it takes the bought quantities out of the cart
 * ({@link OrderRepository#apply}), so a failed checkout leaves the cart as it was, a checkout
 * finished later by recovery still empties it, and nothing is taken out twice.
 */
@ApplicationScoped
public class CartCheckout {

    private final CheckoutSaga saga;
    private final CartRepository carts;
    private final OrderRepository orders;

    @Inject
    public CartCheckout(CheckoutSaga saga, CartRepository carts, OrderRepository orders) {
        this.saga = saga;
        this.carts = carts;
        this.orders = orders;
    }

    /**
     * Check out, or answer the checkout already made with this idempotency key.
     *
     * @param userId            the signed-in shopper
     * @param idempotencyKey    the client's key
     * @param shippingAddressId one of the shopper's addresses
     * @param cardNumber        the card
     * @return the order and any business failure
     */
    public OrderOutcome checkout(String userId, String idempotencyKey, String shippingAddressId, String cardNumber) {
        if (!CheckoutSaga.isValidIdempotencyKey(idempotencyKey)) {
            return OrderOutcome.failed(List.of(new UserError("INVALID_IDEMPOTENCY_KEY",
                    "Idempotency key must be 1-128 letters, digits or '_.:-'", "input", "idempotencyKey")));
        }
        // a repeat is answered from the order, not from the cart (which the first checkout may have emptied)
        Optional<OrderRepository.KeyedOrder> earlier = orders.findByIdempotencyKey(userId, idempotencyKey);
        if (earlier.isPresent()) {
            if (!carts.isCheckoutOrder(earlier.get().order().getId())) {
                return OrderOutcome.failed(List.of(new UserError("IDEMPOTENCY_KEY_REUSED", "Idempotency key "
                        + idempotencyKey + " was used for an order placed without the cart", "input", "idempotencyKey")));
            }
            return saga.outcomeOfRepeat(earlier.get().order());
        }
        Optional<Cart> cart = carts.findUserCartId(userId).flatMap(carts::findById);
        if (cart.isEmpty() || cart.get().lines().isEmpty()) {
            return OrderOutcome.failed(List.of(new UserError("EMPTY_CART", "The cart is empty: add something first")));
        }
        List<CheckoutRequest.Line> lines = cart.get().lines().stream()
                .map(line -> new CheckoutRequest.Line(line.productId(), line.quantity(), null))
                .toList();
        return saga.placeOrder(new CheckoutRequest(userId, lines, cardNumber, idempotencyKey, shippingAddressId,
                cart.get().getId()));
    }
}
