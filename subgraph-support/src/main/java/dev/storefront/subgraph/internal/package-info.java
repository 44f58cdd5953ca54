/**
 * Plumbing of the services' internal JSON contracts (service to service, under {@code /internal},
 * never exposed by the gateway): Helidon web server routes that read a JSON body by hand (so a
 * wrong field is a 400 naming it) and answer JSON-B records, every failure as
 * {@code {"code","message"}} and never a stack trace.
 */
package dev.storefront.subgraph.internal;
