/** Repositories over the products database: the catalogue and stock reservations. */
package dev.storefront.products.persistence;
