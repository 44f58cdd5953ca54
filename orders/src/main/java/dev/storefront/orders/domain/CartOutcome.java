package dev.storefront.orders.domain;

import java.util.List;

import dev.storefront.subgraph.types.UserError;

/**
 * The result of a cart operation.
 *
 * @param cart       the cart as it now is, or {@code null} when there is none (unknown token)
 * @param cartToken  the token of an anonymous cart this operation created, else {@code null}
 * @param userErrors why the operation changed nothing (empty on success)
 */
public record CartOutcome(Cart cart, String cartToken, List<UserError> userErrors) {

    public static CartOutcome of(Cart cart, String cartToken) {
        return new CartOutcome(cart, cartToken, List.of());
    }

    public static CartOutcome failed(Cart cart, UserError error) {
        return new CartOutcome(cart, null, List.of(error));
    }

    /** @return this outcome, telling the caller the token of the anonymous cart it created (when {@code token} is set) */
    public CartOutcome withToken(String token) {
        return token == null ? this : new CartOutcome(cart, token, userErrors);
    }
}
