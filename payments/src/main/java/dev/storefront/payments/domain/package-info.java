/**
 * Payments: the payment and its provider transactions, the status machine (authorize at checkout,
 * capture on shipment, void, partial and full refunds), the provider contract, and the rules
 * applied by {@link dev.storefront.payments.domain.PaymentService}.
 */
package dev.storefront.payments.domain;
