/** Federation entity resolvers of the users subgraph. */
package dev.storefront.users.federation;
