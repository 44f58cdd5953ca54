/** Repositories over the orders database: orders, their lines and status history. */
package dev.storefront.orders.persistence;
