/** The payments subgraph's GraphQL API: the payment query and the admin refund mutation. */
package dev.storefront.payments.api;
