// The cart: a signed-in shopper's is the account's (the gateway knows whose from the token); an
// anonymous shopper's is held by a cart token, kept in localStorage, sent with every cart call and
// merged into the account's cart at sign-in (mergeCart).
import { useEffect, useSyncExternalStore } from 'react';
import { Client, fetchExchange } from '@urql/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { GRAPHQL_URL, useSession } from './session';

const CART_TOKEN_KEY = 'storefront.cartToken';
const listeners = new Set<() => void>();

export function cartToken(): string | null {
  try {
    return localStorage.getItem(CART_TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setCartToken(token: string | null): void {
  if (token) {
    localStorage.setItem(CART_TOKEN_KEY, token);
  } else {
    localStorage.removeItem(CART_TOKEN_KEY);
  }
  listeners.forEach((listener) => listener());
}

export function useCartToken(): string | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, cartToken);
}

export const CartFields = graphql(`
  fragment CartFields on Cart {
    id
    itemCount
    updatedAt
    lines {
      quantity
      addedAt
      product { id sku name stock price { amountMinor currency } }
    }
  }
`);

export const CartQuery = graphql(`
  query Cart($cartToken: String) {
    cart(cartToken: $cartToken) { ...CartFields }
  }
`);

const AddToCartMutation = graphql(`
  mutation AddToCart($productId: ID!, $quantity: Int!, $cartToken: String) {
    addToCart(productId: $productId, quantity: $quantity, cartToken: $cartToken) {
      cart { ...CartFields }
      cartToken
      userErrors { code message field }
    }
  }
`);

const SetQuantityMutation = graphql(`
  mutation SetCartLineQuantity($productId: ID!, $quantity: Int!, $cartToken: String) {
    setCartLineQuantity(productId: $productId, quantity: $quantity, cartToken: $cartToken) {
      cart { ...CartFields }
      cartToken
      userErrors { code message field }
    }
  }
`);

const RemoveMutation = graphql(`
  mutation RemoveFromCart($productId: ID!, $cartToken: String) {
    removeFromCart(productId: $productId, cartToken: $cartToken) {
      cart { ...CartFields }
      cartToken
      userErrors { code message field }
    }
  }
`);

export const MergeCartMutation = graphql(`
  mutation MergeCart($cartToken: String!) {
    mergeCart(cartToken: $cartToken) {
      cart { ...CartFields }
      userErrors { code message }
    }
  }
`);

export type CartError = { code: string; message: string };

type CartPayloadLike = { cartToken?: string | null; userErrors: ReadonlyArray<CartError> } | null | undefined;

/**
 * The shopper's cart and what can be done to it. Anonymous shoppers without a cart token have an
 * empty cart until their first addToCart creates one.
 */
export function useCart() {
  const { session } = useSession();
  const token = useCartToken();
  const anonymousWithoutCart = !session && !token;
  const [cart, refetch] = useQuery({
    query: CartQuery,
    variables: { cartToken: session ? null : token },
    pause: anonymousWithoutCart,
    requestPolicy: 'cache-and-network',
  });
  // an anonymous cart the orders service no longer knows (deleted, or merged on another tab)
  const unknownCart = !session && token && cart.data && cart.data.cart === null && !cart.stale;
  useEffect(() => {
    if (unknownCart && cartToken() === token) {
      setCartToken(null);
    }
  }, [unknownCart, token]);
  const [, add] = useMutation(AddToCartMutation);
  const [, setQuantity] = useMutation(SetQuantityMutation);
  const [, remove] = useMutation(RemoveMutation);

  /** Runs a cart mutation; an anonymous cart that no longer exists is dropped and a new one started. */
  async function run(call: (cartToken: string | null) => Promise<CartPayloadLike>, retry = true): Promise<CartError[]> {
    const sent = session ? null : cartToken();
    const payload = await call(sent);
    if (!payload) {
      return [{ code: 'UNAVAILABLE', message: 'The cart could not be reached. Please try again.' }];
    }
    if (payload.cartToken) {
      setCartToken(payload.cartToken);
    }
    if (retry && sent && payload.userErrors.some((e) => e.code === 'CART_NOT_FOUND')) {
      setCartToken(null);
      return run(call, false);
    }
    return [...payload.userErrors];
  }

  const data = anonymousWithoutCart ? null : cart.data?.cart ?? null;
  return {
    cart: data,
    fetching: cart.fetching && !cart.data,
    error: cart.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
    add: (productId: string, quantity = 1) =>
      run(async (t) => (await add({ productId, quantity, cartToken: t })).data?.addToCart),
    setQuantity: (productId: string, quantity: number) =>
      run(async (t) => (await setQuantity({ productId, quantity, cartToken: t })).data?.setCartLineQuantity),
    remove: (productId: string) =>
      run(async (t) => (await remove({ productId, cartToken: t })).data?.removeFromCart),
  };
}

/**
 * At sign-in, before the shop sees the session: moves the anonymous cart's lines into the account's
 * cart. The token is dropped whatever the answer (merged, or unknown: nothing left to merge); a
 * network failure keeps it for the next sign-in.
 */
export async function mergeAnonymousCart(accessToken: string): Promise<void> {
  const token = cartToken();
  if (!token) {
    return;
  }
  const client = new Client({
    url: GRAPHQL_URL, exchanges: [fetchExchange], preferGetMethod: false,
    fetchOptions: { headers: { Authorization: `Bearer ${accessToken}` } },
  });
  const result = await client.mutation(MergeCartMutation, { cartToken: token }).toPromise();
  if (result.data?.mergeCart) {
    setCartToken(null);
  }
}
