/** Federation entity resolvers of the products subgraph. */
package dev.storefront.products.federation;
