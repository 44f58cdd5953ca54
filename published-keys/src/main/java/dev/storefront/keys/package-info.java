/**
 * The users service's published signing keys, fetched and refreshed for token verifiers (the
 * gateway's and every subgraph's), so a key rotation needs no restart of either.
 */
package dev.storefront.keys;
