/**
 * The storefront federation gateway. A request flows through the stages named by the packages:
 * {@code supergraph} (what each subgraph resolves) → {@code plan} (which fetches answer the
 * operation) → {@code execution} (run them, batched and in parallel) → {@code merge} (merge the
 * answers, write the response) — wired together by {@link dev.storefront.gateway.Gateway} and served by {@code http}.
 */
package dev.storefront.gateway;
