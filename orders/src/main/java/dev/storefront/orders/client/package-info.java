/**
 * Calls to the products, payments and users services over their internal HTTP contract: one class
 * per contract ({@code ProductsApi}, {@code PaymentsApi}, {@code UsersApi}) whose bodies are JSON-B
 * records, exchanged by {@code InternalHttp} (the JDK's HTTP client, deadline and trace passed on), wrapped by beans whose every method has its fault tolerance
 * ({@code CallGuard}: retries, circuit breaker, bulkhead, timeout per attempt); what each
 * answer means ({@code ProductsCalls}, {@code PaymentsCalls}, {@code UsersCalls}) lives outside
 * those beans. Error answers arrive as {@link dev.storefront.orders.client.ErrorAnswer}s read as
 * the contract's records. Transport failures and 5xx answers are
 * {@link dev.storefront.orders.client.RemoteServiceException}s (retried, counted by the circuit
 * breakers); business answers (out of stock, declined) are values, never failures.
 */
package dev.storefront.orders.client;
