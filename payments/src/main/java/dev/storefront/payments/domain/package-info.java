/**
 * Payments: the payment and its provider transactions, the status machine (authorize at checkout,
 * capture on shipment, void, partial and full refunds), the failure codes, and the contract a card
 * provider fulfils ({@link dev.storefront.payments.domain.PaymentProvider}). A leaf: it imports
 * nothing of the service's other packages; the rules are applied by {@code service}, stored by
 * {@code persistence}.
 */
package dev.storefront.payments.domain;
