package dev.storefront.orders.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.deadline.Deadline;

import io.helidon.common.context.Contexts;
import io.helidon.tracing.HeaderConsumer;
import io.helidon.tracing.HeaderProvider;
import io.helidon.tracing.Span;
import io.helidon.tracing.SpanContext;
import io.helidon.tracing.Tracer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * One service's internal HTTP contract, spoken over the JDK's {@link HttpURLConnection} (blocking,
 * which is what a call's own virtual thread wants, with kept-alive connections reused) and JSON-B:
 * a request's body and its 2xx answer are the contract's records, every answer of 400 and more an
 * {@link ErrorAnswer} carrying its body. Each exchange is bounded and passes the deadline on: the
 * read timeout is the shortest of the configured one, the attempt's ({@link CallGuard}) and the
 * time left, the connect timeout the shorter of its own and the time left, and the callee hears
 * that wait in {@value Deadline#HEADER}; a client span (a child of the request's) carries the trace
 * on. The MP REST Client did this through Jersey at about three times the CPU per call.
 */
final class InternalHttp {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private final String baseUrl;
    private final String service;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    /**
     * @param service          the service's name, for spans
     * @param baseUrl          where the contract's paths start (e.g. {@code http://localhost:8082/internal})
     * @param connectTimeoutMs longest wait for a connection
     * @param readTimeoutMs    longest wait for an answer
     */
    InternalHttp(String service, String baseUrl, long connectTimeoutMs, long readTimeoutMs) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeoutMs);
        this.readTimeoutMs = (int) Math.min(Integer.MAX_VALUE, readTimeoutMs);
    }

    /**
     * One exchange.
     *
     * @param method HTTP method
     * @param route  the path's pattern, naming the call's span (e.g. {@code /reservations/{orderId}})
     * @param path   path below the base, its parts already encoded ({@link #segment})
     * @param body   the request's record, or {@code null} for none
     * @param answer the 2xx answer's type
     * @return the answer read as that type ({@code null} for an empty body)
     * @throws ErrorAnswer          an answer of 400 or more
     * @throws UncheckedIOException the exchange failed (refused, reset, timed out: {@link java.net.SocketTimeoutException})
     * @throws jakarta.json.bind.JsonbException a 2xx answer that is not the contract's JSON
     */
    <T> T exchange(String method, String route, String path, Object body, Type answer) {
        int read = (int) Math.min(readTimeoutMs, CallGuard.attemptTimeoutMillis(readTimeoutMs));
        int connect = connectTimeoutMs;
        Deadline deadline = Deadline.current();
        Span span = startSpan(method + " " + route);
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection(Proxy.NO_PROXY);
            if (deadline.isBounded()) {
                int left = (int) Math.max(1, Math.min(Integer.MAX_VALUE, deadline.remainingMillis()));
                read = Math.min(read, left);
                connect = Math.min(connect, left);
                connection.setRequestProperty(Deadline.HEADER, Integer.toString(read));
            }
            connection.setConnectTimeout(connect);
            connection.setReadTimeout(read);
            connection.setRequestMethod(method);
            connection.setUseCaches(false);
            connection.setRequestProperty("Accept", "application/json");
            if (span != null) {
                traceHeaders(span).forEach(connection::setRequestProperty);
            }
            if (body != null) {
                byte[] bytes = JSONB.toJson(body).getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                // streamed at its length: never buffered, so never sent a second time behind our back
                connection.setFixedLengthStreamingMode(bytes.length);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = connection.getResponseCode();
            if (span != null) {
                span.tag("http.status_code", status);
            }
            if (status >= 400) {
                throw new ErrorAnswer(status, text(connection.getErrorStream()));
            }
            String text = text(connection.getInputStream());
            return text.isBlank() ? null : JSONB.fromJson(text, answer);
        } catch (IOException e) {
            if (span != null) {
                span.status(Span.Status.ERROR);
            }
            throw new UncheckedIOException(e);
        } finally {
            if (span != null) {
                span.end();
            }
        }
    }

    /** @return a value as one path segment, percent-encoded (a space as {@code %20}, not a form's {@code +}) */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Read to the end, so that the connection can be kept for the next call. */
    private static String text(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Span startSpan(String operation) {
        Tracer tracer = Tracer.global();
        if (!tracer.enabled()) {
            return null;
        }
        Span.Builder<?> builder = tracer.spanBuilder(operation).kind(Span.Kind.CLIENT)
                .tag("peer.service", service);
        // the request's span: this thread's current one, else the one the request's context carries here
        Span.current().map(Span::context)
                .or(() -> Contexts.context().flatMap(context -> context.get(SpanContext.class)))
                .ifPresent(builder::parent);
        return builder.start();
    }

    private static Map<String, String> traceHeaders(Span span) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Tracer.global().inject(span.context(), HeaderProvider.empty(), HeaderConsumer.create(headers));
        Map<String, String> single = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (!values.isEmpty()) {
                single.put(name, String.join(",", values));
            }
        });
        return single;
    }
}
