/** The catalogue (products, their prices and stock) and stock reservations for orders. */
package dev.storefront.products.domain;
