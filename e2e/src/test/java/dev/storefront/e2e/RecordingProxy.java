package dev.storefront.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP reverse proxy put between two of the stack's real processes (e.g. orders and
 * payments): it forwards every request to its target unchanged, notes each request's method, path
 * and {@code X-Request-Deadline-Ms} header, and can hold back the answers to some paths for a
 * while (a slow network or a slow service as the caller sees it; the target has done its work).
 */
final class RecordingProxy implements AutoCloseable {

    /** A request that passed through. */
    record Seen(String method, String path, String deadline) {
    }

    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpServer server;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private volatile String target;
    private volatile String delayedPathPrefix;
    private volatile long delayMillis;

    private RecordingProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                String path = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
                String method = exchange.getRequestMethod();
                seen.add(new Seen(method, path, exchange.getRequestHeaders().getFirst("X-Request-Deadline-Ms")));
                String to = target;
                if (to == null) {
                    exchange.sendResponseHeaders(502, -1);
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(to + path))
                        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(value -> forward.header(name, value));
                    }
                });
                HttpResponse<byte[]> answer;
                try {
                    answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    exchange.sendResponseHeaders(502, -1);
                    return;
                }
                String prefix = delayedPathPrefix;
                if (prefix != null && path.startsWith(prefix)) {
                    Thread.sleep(delayMillis);
                }
                answer.headers().map().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                        values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                    }
                });
                byte[] bytes = answer.body();
                exchange.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the caller stopped waiting (its deadline): nothing to answer to
            }
        });
        server.start();
    }

    static RecordingProxy start() throws IOException {
        return new RecordingProxy();
    }

    /** @return the proxy's base URL */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Forward to this base URL from now on (until then requests are answered 502). */
    void forwardTo(String baseUrl) {
        target = baseUrl;
    }

    /** Hold the answers to paths starting with {@code prefix} for {@code millis}; null stops it. */
    void delay(String prefix, long millis) {
        delayMillis = millis;
        delayedPathPrefix = prefix;
    }

    /** @return requests seen so far */
    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    void clear() {
        seen.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
