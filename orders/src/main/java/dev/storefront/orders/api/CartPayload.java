package dev.storefront.orders.api;

import java.util.List;

import dev.storefront.orders.domain.Cart;
import dev.storefront.orders.domain.CartOutcome;
import dev.storefront.subgraph.types.UserError;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of a cart change. */
@Type("CartPayload")
@Description("The cart as it now is, the token of an anonymous cart the call created, and userErrors when the change "
        + "was not made")
public class CartPayload {

    private final Cart cart;
    private final String cartToken;
    private final List<UserError> userErrors;

    CartPayload(CartOutcome outcome) {
        this.cart = outcome.cart();
        this.cartToken = outcome.cartToken();
        this.userErrors = outcome.userErrors();
    }

    public Cart getCart() {
        return cart;
    }

    @Description("Set when the call created an anonymous cart: send it as cartToken from then on (keep it secret)")
    public String getCartToken() {
        return cartToken;
    }

    @NonNull
    @Description("Codes: INVALID_QUANTITY, PRODUCT_NOT_FOUND, CART_NOT_FOUND, TOO_MANY_LINES, SERVICE_UNAVAILABLE")
    public List<@NonNull UserError> getUserErrors() {
        return userErrors;
    }
}
