/**
 * Background jobs of a service that run on a fixed delay for the life of the application (the
 * recovery jobs of orders and payments), with the failure handling every such job needs.
 */
package dev.storefront.subgraph.jobs;
