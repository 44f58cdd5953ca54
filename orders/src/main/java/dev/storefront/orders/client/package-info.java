/**
 * Calls to the products, payments and users services over their internal HTTP contract: MP REST Client
 * interfaces, wrapped by beans that apply MP Fault Tolerance and turn each response into a typed
 * outcome. Transport failures and 5xx answers are {@link RemoteServiceException}s (retried, counted by
 * the circuit breakers); business answers (out of stock, declined) are values, never failures.
 */
package dev.storefront.orders.client;
