/**
 * Federation entity resolvers of the payments subgraph: its own {@code Payment}, and the orders
 * subgraph's {@code Order}, to which it contributes {@code payments}.
 */
package dev.storefront.payments.federation;
