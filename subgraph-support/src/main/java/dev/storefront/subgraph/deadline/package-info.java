/**
 * The deadline of the request being served: read from the caller's {@code X-Request-Deadline-Ms}
 * header (or a server default), kept in the request's context, and used to bound the work, the
 * retries and the outbound calls made for that request.
 */
package dev.storefront.subgraph.deadline;
