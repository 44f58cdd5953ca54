package dev.storefront.orders.api;

import dev.storefront.orders.checkout.CartCheckout;
import dev.storefront.orders.checkout.CartService;
import dev.storefront.orders.domain.Cart;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * The cart and its checkout. Anyone may keep a cart: a signed-in shopper's is the account's own
 * (any cartToken sent is ignored), an anonymous shopper's is held by its cart token. Merging and
 * checking out need a signed-in shopper. An invalid bearer token is refused, never treated as
 * anonymous. Business failures are userErrors.
 */
@GraphQLApi
@ApplicationScoped
public class CartApi {

    private static final String TOKEN = "An anonymous cart's token (from an earlier CartPayload.cartToken); ignored when signed in";

    private final CartService carts;
    private final CartCheckout checkout;
    private final CurrentCaller callers;

    @Inject
    public CartApi(CartService carts, CartCheckout checkout, CurrentCaller callers) {
        this.carts = carts;
        this.checkout = checkout;
        this.callers = callers;
    }

    @Query("cart")
    @Description("The signed-in shopper's cart (an empty cart when they have none yet), or the anonymous cart of cartToken "
            + "(null when the token is unknown). Signed in AND a cartToken: the account's cart.")
    public Cart cart(@Name("cartToken") @Description(TOKEN) String cartToken) throws NotAuthenticatedException {
        return carts.cart(userId(), cartToken);
    }

    @Mutation("addToCart")
    @NonNull
    @Description("Put units of a product in the cart (added to its line when there is one). Anonymous without a cartToken: "
            + "a new cart is made and its token returned. userErrors codes: INVALID_QUANTITY, PRODUCT_NOT_FOUND, TOO_MANY_LINES, "
            + "CART_NOT_FOUND, TOO_MANY_CARTS (too many new carts from one client address), SERVICE_UNAVAILABLE")
    public CartPayload addToCart(@Name("productId") @Id @NonNull String productId,
                                 @Name("quantity") @DefaultValue("1") @Description("Units to add, 1-99") Integer quantity,
                                 @Name("cartToken") @Description(TOKEN) String cartToken) throws NotAuthenticatedException {
        return new CartPayload(carts.add(userId(), cartToken, Ids.require("productId", productId), quantity));
    }

    @Mutation("setCartLineQuantity")
    @NonNull
    @Description("Set how many units of a product the cart holds, 0-99 (0 takes the line out)")
    public CartPayload setCartLineQuantity(@Name("productId") @Id @NonNull String productId,
                                           @Name("quantity") int quantity,
                                           @Name("cartToken") @Description(TOKEN) String cartToken) throws NotAuthenticatedException {
        return new CartPayload(carts.setQuantity(userId(), cartToken, Ids.require("productId", productId), quantity));
    }

    @Mutation("removeFromCart")
    @NonNull
    @Description("Take a product's line out of the cart")
    public CartPayload removeFromCart(@Name("productId") @Id @NonNull String productId,
                                      @Name("cartToken") @Description(TOKEN) String cartToken) throws NotAuthenticatedException {
        return new CartPayload(carts.remove(userId(), cartToken, Ids.require("productId", productId)));
    }

    @Mutation("clearCart")
    @NonNull
    @Description("Take every line out of the cart")
    public CartPayload clearCart(@Name("cartToken") @Description(TOKEN) String cartToken) throws NotAuthenticatedException {
        return new CartPayload(carts.clear(userId(), cartToken));
    }

    @Mutation("mergeCart")
    @NonNull
    @Description("At sign-in: moves the anonymous cart's lines into the signed-in account's cart (quantities add up, "
            + "capped at 99) and deletes the anonymous cart")
    public CartPayload mergeCart(@Name("cartToken") @NonNull @Description("The anonymous cart's token") String cartToken)
            throws NotAuthenticatedException {
        Caller caller = callers.require();
        return new CartPayload(carts.merge(caller.userId(), cartToken));
    }

    @Mutation("checkout")
    @NonNull
    @Description("Buys the signed-in shopper's cart through the placeOrder saga; the cart is emptied of what was bought "
            + "only when the order is PAID")
    public PlaceOrderPayload checkout(@Name("input") @NonNull CartCheckoutRequest input) throws NotAuthenticatedException {
        Caller caller = callers.require();
        return new PlaceOrderPayload(checkout.checkout(caller.userId(), input.getIdempotencyKey(),
                input.getShippingAddressId(),
                input.getPaymentMethod() == null ? null : input.getPaymentMethod().getCardNumber()));
    }

    private String userId() throws NotAuthenticatedException {
        return callers.optional().map(Caller::userId).orElse(null);
    }
}
