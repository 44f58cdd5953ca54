package dev.storefront.orders.client;

import dev.storefront.subgraph.deadline.Deadline;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Bounds every outbound call by its attempt's timeout ({@link CallGuard}) and by the deadline of the
 * request being served, and passes what is left of it on: the call's read timeout becomes the
 * shortest of its configured value, the attempt's timeout and the time left (its connect timeout
 * the shorter of its own and the time left), and the callee is told that wait in
 * {@value Deadline#HEADER} (milliseconds), so that products and payments keep their own work
 * inside it. Without a deadline (recovery, outside any request) the attempt's timeout bounds the
 * call and no header is sent.
 */
final class DeadlinePropagation implements ClientRequestFilter {

    // org.glassfish.jersey.client.ClientProperties.CONNECT_TIMEOUT / READ_TIMEOUT: per-request
    // properties override the client's (the default HttpUrlConnector resolves them per request)
    private static final String CONNECT_TIMEOUT = "jersey.config.client.connectTimeout";
    private static final String READ_TIMEOUT = "jersey.config.client.readTimeout";

    private final long connectTimeoutMs;
    private final long readTimeoutMs;

    DeadlinePropagation(long connectTimeoutMs, long readTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    @Override
    public void filter(ClientRequestContext request) {
        long read = Math.min(readTimeoutMs, CallGuard.attemptTimeoutMillis(readTimeoutMs));
        long connect = connectTimeoutMs;
        Deadline deadline = Deadline.current();
        if (deadline.isBounded()) {
            long left = Math.max(1, deadline.remainingMillis());
            read = Math.min(read, left);
            connect = Math.min(connect, left);
            request.getHeaders().putSingle(Deadline.HEADER, Long.toString(read));
        }
        request.setProperty(READ_TIMEOUT, (int) read);
        request.setProperty(CONNECT_TIMEOUT, (int) connect);
    }
}
