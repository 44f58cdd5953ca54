package dev.storefront.tokens.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

/**
 * Test fixture: a users service's {@code /.well-known/jwks.json} on a real HTTP port, publishing
 * whatever key set the test sets (a rotation as the verifiers see it) and counting its fetches.
 */
public final class JwksEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile JWKSet published = new JWKSet();

    public JwksEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/jwks.json", exchange -> {
            try (exchange) {
                fetches.incrementAndGet();
                // public parts only, as the users service publishes them
                byte[] body = published.toString(true).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** From now on the endpoint serves these keys. */
    public void publish(JWKSet keys) {
        published = keys;
    }

    /** Fetches so far. */
    public int fetches() {
        return fetches.get();
    }

    public URL url() {
        try {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
