/**
 * The work on payments, over the repository and the card provider:
 * {@link dev.storefront.payments.service.PaymentService} (authorize with an idempotency key,
 * capture, void, refund, the answer to a lost authorization) and
 * {@link dev.storefront.payments.service.LostAuthorizationRecovery}, which resolves lost
 * authorizations on a schedule.
 */
package dev.storefront.payments.service;
