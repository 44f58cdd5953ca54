package dev.storefront.orders.checkout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.storefront.orders.client.ProductSnapshot;
import dev.storefront.orders.client.ProductsClient;
import dev.storefront.orders.client.Remote;
import dev.storefront.orders.client.RemoteServiceException;
import dev.storefront.orders.client.UnexpectedResponseException;
import dev.storefront.orders.domain.Cart;
import dev.storefront.orders.domain.CartContents;
import dev.storefront.orders.domain.CartOutcome;
import dev.storefront.orders.domain.CartTokens;
import dev.storefront.orders.persistence.CartRepository;
import dev.storefront.subgraph.types.UserError;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The cart rules. Which cart: a signed-in shopper's own (the token, if sent, is ignored); else the
 * anonymous cart of the token sent; else, for a change, a new anonymous cart whose token is handed
 * back once (only so many per client address and window: {@link NewCartThrottle}). A line holds
 * 1-99 units, a cart at most 50 lines; a product is checked against the catalogue (products)
 * before it goes in. Every change is made under the cart's row lock on the lines as stored
 * ({@link CartRepository#change}); a refused change changes nothing.
 */
@ApplicationScoped
public class CartService {

    /** Units of one product a cart line holds at most. */
    public static final int MAX_QUANTITY = 99;
    /** Lines a cart holds at most. */
    public static final int MAX_LINES = 50;

    private final CartRepository carts;
    private final ProductsClient products;
    private final NewCartThrottle newCarts;

    @Inject
    public CartService(CartRepository carts, ProductsClient products, NewCartThrottle newCarts) {
        this.carts = carts;
        this.products = products;
        this.newCarts = newCarts;
    }

    /**
     * The cart to show.
     *
     * @param userId    signed-in account, or {@code null}
     * @param cartToken anonymous cart token, or {@code null}
     * @return the account's cart (empty when new), the token's cart, or {@code null} (anonymous,
     *         no or unknown token)
     */
    public Cart cart(String userId, String cartToken) {
        if (userId != null) {
            return carts.findById(carts.userCartId(userId)).orElseThrow();
        }
        return anonymousCartId(cartToken).flatMap(carts::findById).orElse(null);
    }

    /** Put units of a product in the cart, adding to its line when there is one. */
    public CartOutcome add(String userId, String cartToken, String productId, Integer quantity) {
        // (null: sent explicitly as null; Helidon prints the argument as "Int = 1", not "Int! = 1")
        if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
            return invalidQuantity("Quantity to add must be 1-" + MAX_QUANTITY + ", was " + quantity);
        }
        return change(userId, cartToken, productId, lines -> {
            Integer current = lines.quantities().get(productId);
            if (current == null && lines.quantities().size() >= MAX_LINES) {
                return tooManyLines();
            }
            int total = (current == null ? 0 : current) + quantity;
            if (total > MAX_QUANTITY) {
                return new UserError("INVALID_QUANTITY", "A line holds at most " + MAX_QUANTITY + " units; the cart has "
                        + current + " of " + productId + ", so at most " + (MAX_QUANTITY - current) + " more fit", "quantity");
            }
            lines.set(productId, total);
            return null;
        }, true);
    }

    /** Set a line's quantity; 0 takes it out, a product not in the cart yet is added. */
    public CartOutcome setQuantity(String userId, String cartToken, String productId, int quantity) {
        if (quantity < 0 || quantity > MAX_QUANTITY) {
            return invalidQuantity("Quantity must be 0-" + MAX_QUANTITY + " (0 takes the line out), was " + quantity);
        }
        if (quantity == 0) {
            return remove(userId, cartToken, productId);
        }
        return change(userId, cartToken, productId, lines -> {
            if (!lines.quantities().containsKey(productId) && lines.quantities().size() >= MAX_LINES) {
                return tooManyLines();
            }
            lines.set(productId, quantity);
            return null;
        }, true);
    }

    /** Take a product's line out (no error when it is not there). */
    public CartOutcome remove(String userId, String cartToken, String productId) {
        return change(userId, cartToken, productId, lines -> {
            lines.remove(productId);
            return null;
        }, false);
    }

    /** Take every line out. */
    public CartOutcome clear(String userId, String cartToken) {
        return change(userId, cartToken, null, lines -> {
            lines.clear();
            return null;
        }, false);
    }

    /**
     * At sign-in: move the anonymous cart's lines into the account's cart (quantities add up,
     * capped at 99) and delete the anonymous cart. Refused, changing nothing, when the result would
     * hold more than 50 lines.
     *
     * @param userId    the signed-in account
     * @param cartToken the anonymous cart's token
     * @return the account's cart
     */
    public CartOutcome merge(String userId, String cartToken) {
        String own = carts.userCartId(userId);
        Optional<String> anonymous = anonymousCartId(cartToken);
        if (anonymous.isEmpty()) {
            // already merged (a repeated sign-in), or never existed: the account's cart as it is
            return CartOutcome.failed(carts.findById(own).orElseThrow(), cartNotFound());
        }
        CartRepository.Merge<UserError> merge = carts.merge(anonymous.get(), own, (moving, lines) -> {
            List<String> newProducts = new ArrayList<>(moving.keySet());
            newProducts.removeAll(lines.quantities().keySet());
            if (lines.quantities().size() + newProducts.size() > MAX_LINES) {
                return new UserError("TOO_MANY_LINES", "Together the carts would hold " + (lines.quantities().size()
                        + newProducts.size()) + " lines, more than " + MAX_LINES + "; remove some first", "cartToken");
            }
            for (Map.Entry<String, Integer> line : moving.entrySet()) {
                int already = lines.quantities().getOrDefault(line.getKey(), 0);
                lines.set(line.getKey(), Math.min(MAX_QUANTITY, already + line.getValue()));
            }
            return null;
        });
        Cart cart = carts.findById(own).orElseThrow();
        if (!merge.found()) {
            // merged (and deleted) by a concurrent request in the meantime
            return CartOutcome.failed(cart, cartNotFound());
        }
        return merge.refusal() == null ? CartOutcome.of(cart, null) : CartOutcome.failed(cart, merge.refusal());
    }

    /**
     * Find or create the cart, check the product when one goes in, then apply the rule under the lock.
     *
     * @param checkProduct whether {@code productId} must exist in the catalogue (it is being put in)
     */
    private CartOutcome change(String userId, String cartToken, String productId, java.util.function.Function<CartContents, UserError> rule,
                               boolean checkProduct) {
        String cartId = null;
        if (userId != null) {
            cartId = carts.userCartId(userId);
        } else if (cartToken != null) {
            Optional<String> found = anonymousCartId(cartToken);
            if (found.isEmpty()) {
                return CartOutcome.failed(null, cartNotFound());
            }
            cartId = found.get();
        }
        if (checkProduct) {
            UserError unknown = checkInCatalogue(productId);
            if (unknown != null) {
                return CartOutcome.failed(cartId == null ? null : carts.findById(cartId).orElse(null), unknown);
            }
        }
        String newToken = null;
        if (cartId == null) {
            // anonymous, no token: the change goes into a new cart, whose token the caller keeps from now on
            Optional<UserError> tooMany = newCarts.takeOne();
            if (tooMany.isPresent()) {
                return CartOutcome.failed(null, tooMany.get());
            }
            newToken = CartTokens.newToken();
            cartId = carts.createAnonymous(CartTokens.hash(newToken));
        }
        Optional<UserError> refusal = carts.change(cartId, lines -> Optional.ofNullable(rule.apply(lines)))
                .orElse(Optional.of(cartNotFound())); // deleted meanwhile (merged at sign-in on another device)
        Cart cart = carts.findById(cartId).orElse(null);
        return refusal.map(error -> CartOutcome.failed(cart, error)).orElseGet(() -> CartOutcome.of(cart, null))
                .withToken(newToken);
    }

    private UserError checkInCatalogue(String productId) {
        Map<String, ProductSnapshot> found;
        try {
            found = Remote.await(ProductsClient.SERVICE_NAME, products.lookup(List.of(productId)));
        } catch (RemoteServiceException | UnexpectedResponseException e) {
            return new UserError("SERVICE_UNAVAILABLE", e.getMessage() + "; the cart is unchanged, try again later");
        }
        return found.containsKey(productId) ? null
                : new UserError("PRODUCT_NOT_FOUND", "No product " + productId, "productId");
    }

    private Optional<String> anonymousCartId(String cartToken) {
        return CartTokens.isWellFormed(cartToken) ? carts.findIdByTokenHash(CartTokens.hash(cartToken)) : Optional.empty();
    }

    private static CartOutcome invalidQuantity(String message) {
        return CartOutcome.failed(null, new UserError("INVALID_QUANTITY", message, "quantity"));
    }

    private static UserError tooManyLines() {
        return new UserError("TOO_MANY_LINES", "A cart holds at most " + MAX_LINES + " different products", "productId");
    }

    private static UserError cartNotFound() {
        return new UserError("CART_NOT_FOUND", "No cart for this cart token (it may have been merged into an account at "
                + "sign-in); drop it and start a new cart", "cartToken");
    }
}
