/**
 * The work that moves orders, over the repositories and the other services' clients: the checkout
 * saga ({@link dev.storefront.orders.checkout.CheckoutSaga}) and its undoing
 * ({@link dev.storefront.orders.checkout.Compensation}), the recovery of interrupted checkouts
 * ({@link dev.storefront.orders.checkout.CheckoutRecovery}), the later status changes (ship,
 * deliver, cancel: {@link dev.storefront.orders.checkout.OrderLifecycle}), and the cart a checkout
 * buys from ({@link dev.storefront.orders.checkout.CartService},
 * {@link dev.storefront.orders.checkout.CartCheckout}).
 */
package dev.storefront.orders.checkout;
