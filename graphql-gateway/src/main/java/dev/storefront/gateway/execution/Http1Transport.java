package dev.storefront.gateway.execution;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small blocking HTTP/1.1 client for subgraph POSTs, made for the gateway's hot path. It runs on
 * the caller's (virtual) thread: no selector thread, executor or future between the request and
 * its socket. Each request goes out in one {@code write} (head and body together) on a
 * {@code TCP_NODELAY} socket, so Nagle's algorithm never holds half a request back waiting for
 * the subgraph's delayed ACK. Connections are kept alive and reused per endpoint (LIFO, so the
 * pool stays as small as the concurrency needs); responses are read by {@code Content-Length} or
 * chunked framing. The timeout bounds the whole exchange (connect, send, and every read against
 * one deadline), like the JDK client's request timeout.
 * <p>
 * Why not a library client: the JDK {@code HttpClient} wrote head and body as two segments and
 * handed every call through its selector thread (10-40 ms Nagle/delayed-ACK stalls, see
 * bench/results/before-after.md); Helidon's 4.1.2 {@code Http1Client} hex-formats every response
 * buffer for a TRACE log line whether or not it is logged (30% of the gateway's CPU in a JFR
 * profile of the cross-subgraph scenario).
 */
final class Http1Transport {
    /** Idle connections kept per endpoint; more concurrent requests open extra ones, closed after use. */
    static final int MAX_IDLE_PER_ENDPOINT = 256;
    /** A pooled connection idle this long is closed rather than reused (below usual server idle timeouts). */
    static final long MAX_IDLE_NANOS = 30_000_000_000L;
    private static final byte[] CRLF = {'\r', '\n'};

    /** A connection to the endpoint could not be established in time. */
    static final class ConnectTimeoutException extends SocketTimeoutException {
        ConnectTimeoutException(String message) {
            super(message);
        }
    }

    /** A response: status and the complete body. */
    record Response(int status, byte[] body) {
    }

    /** Where requests of one URL go, with its pool of keep-alive connections. */
    private record Endpoint(String scheme, String host, int port, String path, byte[] head, Pool pool) {
    }

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    private static final class Pool {
        final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger size = new AtomicInteger();
    }

    /**
     * POSTs {@code body} to {@code url} and reads the whole response.
     *
     * @param fixedHeaders  header lines ({@code Name: value\r\n}) sent with every request, pre-encoded
     * @param headers       further request headers (values with CR or LF are dropped)
     * @param retryStale    a reused keep-alive connection that turns out closed (no response byte) is
     *                      replaced by a new one and the request sent again; only for idempotent requests
     */
    Response post(String url, byte[] fixedHeaders, Map<String, String> headers, byte[] body, long timeoutMillis,
                  boolean retryStale) throws IOException {
        Endpoint endpoint = endpoints.computeIfAbsent(url, Http1Transport::endpoint);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        byte[] request = request(endpoint, fixedHeaders, headers, body);
        Pool pool = endpoint.pool();
        while (true) {
            // a request that must not be sent twice cannot be retried on a new connection when a
            // reused one turns out closed, so it checks the idle connection before using it
            Connection connection = pooled(pool, !retryStale);
            boolean reused = connection != null;
            if (connection == null) {
                connection = Connection.open(endpoint, deadline);
            }
            try {
                Response response = connection.exchange(request, deadline);
                if (connection.reusable) {
                    release(pool, connection);
                } else {
                    connection.close();
                }
                return response;
            } catch (StaleConnectionException stale) {
                connection.close();
                if (!reused || !retryStale) {
                    throw stale;
                }
                // the subgraph closed this idle connection before our request arrived: send it on a new one
            } catch (IOException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
    }

    private static Connection pooled(Pool pool, boolean verifyOpen) {
        Connection connection;
        while ((connection = pool.idle.pollFirst()) != null) {
            pool.size.decrementAndGet();
            if (System.nanoTime() - connection.idleSince < MAX_IDLE_NANOS && !connection.socket.isClosed()
                    && (!verifyOpen || connection.stillOpen())) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private static void release(Pool pool, Connection connection) {
        if (pool.size.incrementAndGet() > MAX_IDLE_PER_ENDPOINT) {
            pool.size.decrementAndGet();
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        pool.idle.offerFirst(connection);
    }

    private static Endpoint endpoint(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new Endpoint(scheme, uri.getHost(), port, path, head, new Pool());
    }

    private static byte[] request(Endpoint endpoint, byte[] fixedHeaders, Map<String, String> headers, byte[] body) {
        // sized first, then written once: no growing builder, no intermediate strings
        int size = endpoint.head.length + fixedHeaders.length + "Content-Length: \r\n\r\n".length() + 10 + body.length;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (sendable(header.getKey(), header.getValue())) {
                size += utf8Length(header.getKey()) + 2 + utf8Length(header.getValue()) + 2;
            }
        }
        byte[] request = new byte[size];
        int at = put(request, 0, endpoint.head);
        at = put(request, at, fixedHeaders);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (sendable(header.getKey(), header.getValue())) {
                at = put(request, at, header.getKey());
                request[at++] = ':';
                request[at++] = ' ';
                at = put(request, at, header.getValue());
                request[at++] = '\r';
                request[at++] = '\n';
            }
        }
        at = put(request, at, "Content-Length: " + body.length + "\r\n\r\n");
        at = put(request, at, body);
        return at == request.length ? request : Arrays.copyOf(request, at);
    }

    /** Header names and values with CR or LF (or a name with a colon) are dropped, never sent. */
    private static boolean sendable(String name, String value) {
        return value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0 && name.indexOf(':') < 0
                && name.indexOf('\r') < 0 && name.indexOf('\n') < 0;
    }

    private static int utf8Length(String text) {
        int length = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return length;
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    /** Writes text as UTF-8 (ASCII, the usual case, byte by byte). */
    private static int put(byte[] into, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return put(into, at, text.getBytes(StandardCharsets.UTF_8));
            }
            into[at + i] = (byte) c;
        }
        return at + text.length();
    }

    /** The connection was closed by the peer before any byte of the response: the request was not processed. */
    static final class StaleConnectionException extends IOException {
        StaleConnectionException(String message) {
            super(message);
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buffer = new byte[16 * 1024];
        int position;
        int limit;
        boolean reusable;
        long idleSince;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static Connection open(Endpoint endpoint, long deadline) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                int timeout = remaining(deadline);
                try {
                    socket.connect(new InetSocketAddress(endpoint.host, endpoint.port), timeout);
                } catch (SocketTimeoutException e) {
                    throw new ConnectTimeoutException("Connect timed out");
                }
                if (endpoint.scheme.equals("https")) {
                    SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                            .createSocket(socket, endpoint.host, endpoint.port, true);
                    var parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                    tls.setSoTimeout(remaining(deadline));
                    tls.startHandshake();
                    return new Connection(tls);
                }
                return new Connection(socket);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        /**
         * Whether the subgraph still keeps this idle connection: a read that times out at once
         * means open; end of stream means it closed the connection, and unsolicited bytes make it
         * unusable.
         */
        boolean stillOpen() {
            try {
                socket.setSoTimeout(1);
                in.read();
                return false;
            } catch (SocketTimeoutException open) {
                return true;
            } catch (IOException closed) {
                return false;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }

        Response exchange(byte[] request, long deadline) throws IOException {
            reusable = false;
            position = 0;
            limit = 0;
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                throw new StaleConnectionException("connection closed while sending: " + e.getMessage());
            }
            if (!fill(deadline)) {
                throw new StaleConnectionException("connection closed before the response");
            }
            Response response;
            do {
                // a 1xx interim response (100 Continue is never asked for) is skipped: the real one follows
                response = readResponse(deadline);
            } while (response.status() / 100 == 1);
            return response;
        }

        private Response readResponse(long deadline) throws IOException {
            String statusLine = line(deadline);
            // HTTP/1.1 200 OK
            if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
                throw new IOException("malformed status line: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("malformed status line: " + statusLine);
            }
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            long contentLength = -1;
            boolean chunked = false;
            boolean close = http10;
            for (String header = line(deadline); !header.isEmpty(); header = line(deadline)) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("malformed Content-Length: " + value);
                    }
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    String v = value.toLowerCase(Locale.ROOT);
                    close = v.contains("close") || http10 && !v.contains("keep-alive");
                }
            }
            byte[] body;
            if (status / 100 == 1 || status == 204 || status == 304) {
                body = new byte[0];
            } else if (chunked) {
                body = chunked(deadline);
            } else if (contentLength >= 0) {
                if (contentLength > Integer.MAX_VALUE - 16) {
                    throw new IOException("response too large: " + contentLength);
                }
                body = exactly((int) contentLength, deadline);
            } else {
                body = untilEof(deadline);
                close = true;
            }
            reusable = !close && position == limit;
            return new Response(status, body);
        }

        private boolean fill(long deadline) throws IOException {
            if (position == limit) {
                position = 0;
                limit = 0;
            } else if (limit == buffer.length) {
                if (position == 0) {
                    throw new IOException("response header line too long");
                }
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            socket.setSoTimeout(remaining(deadline));
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
            return true;
        }

        private String line(long deadline) throws IOException {
            while (true) {
                for (int i = position; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                        String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                        position = i + 1;
                        return line;
                    }
                }
                if (!fill(deadline)) {
                    throw new EOFException("connection closed in the response head");
                }
            }
        }

        private byte[] exactly(int length, long deadline) throws IOException {
            byte[] body = new byte[length];
            int buffered = Math.min(length, limit - position);
            System.arraycopy(buffer, position, body, 0, buffered);
            position += buffered;
            int at = buffered;
            while (at < length) {
                socket.setSoTimeout(remaining(deadline));
                int n = in.read(body, at, length - at);
                if (n < 0) {
                    throw new EOFException("connection closed after " + at + " of " + length + " body bytes");
                }
                at += n;
            }
            return body;
        }

        private byte[] chunked(long deadline) throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(8192);
            while (true) {
                String sizeLine = line(deadline);
                int semicolon = sizeLine.indexOf(';');
                int size;
                try {
                    size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size: " + sizeLine);
                }
                if (size == 0) {
                    // trailers, then the empty line
                    while (!line(deadline).isEmpty()) {
                        // ignored
                    }
                    return body.toByteArray();
                }
                body.write(exactly(size, deadline));
                if (!line(deadline).isEmpty()) {
                    throw new IOException("malformed chunk: no CRLF after the data");
                }
            }
        }

        private byte[] untilEof(long deadline) throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(8192);
            body.write(buffer, position, limit - position);
            position = limit;
            byte[] chunk = new byte[8192];
            while (true) {
                socket.setSoTimeout(remaining(deadline));
                int n = in.read(chunk);
                if (n < 0) {
                    return body.toByteArray();
                }
                body.write(chunk, 0, n);
            }
        }
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long millis = (deadline - System.nanoTime()) / 1_000_000L;
        if (millis <= 0) {
            throw new SocketTimeoutException("Read timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }
}
