package dev.storefront.products;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.server.ServerCdiExtension;

import jakarta.enterprise.inject.spi.CDI;

/** Calls the service's internal JSON endpoints over real HTTP, as the orders service does. */
final class InternalHttp {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    private InternalHttp(URI base) {
        this.base = base;
    }

    static InternalHttp forRunningServer() {
        int port = CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port();
        return new InternalHttp(URI.create("http://localhost:" + port));
    }

    GraphQlClient.Response put(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    GraphQlClient.Response post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    GraphQlClient.Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** A request with any method and content type, for protocol-level error tests. */
    GraphQlClient.Response send(String method, String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    GraphQlClient.Response get(String path) {
        return send(request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    private GraphQlClient.Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new GraphQlClient.Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
