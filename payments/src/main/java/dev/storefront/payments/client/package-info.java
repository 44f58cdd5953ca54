/** Calls to systems outside this service: the card payment provider (simulated here). */
package dev.storefront.payments.client;
