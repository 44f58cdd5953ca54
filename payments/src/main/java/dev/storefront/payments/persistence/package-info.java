/**
 * Repositories over the payments database: batched loads (one statement per batch) and the
 * conditional updates that make every status change atomic.
 */
package dev.storefront.payments.persistence;
