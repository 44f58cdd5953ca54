/** The products subgraph's GraphQL API: catalogue queries, admin mutations, their inputs and payloads. */
package dev.storefront.products.api;
