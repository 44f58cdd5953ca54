/** The users subgraph's GraphQL API: queries, connections. */
package dev.storefront.users.api;
