package dev.storefront.payments;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.helidon.microprofile.server.ServerCdiExtension;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.Json;
import jakarta.json.JsonValue;

/** Calls the internal payments HTTP API of the service a {@code @HelidonTest} started, as orders would. */
final class InternalApiClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    private InternalApiClient(URI base) {
        this.base = base;
    }

    static InternalApiClient forRunningServer() {
        int port = CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port();
        return new InternalApiClient(URI.create("http://localhost:" + port));
    }

    Reply authorize(String idempotencyKey, String orderId, int amountMinor, String currency, String cardNumber) {
        return put("/internal/payments/authorizations/" + idempotencyKey, authorization(orderId, amountMinor, currency, cardNumber));
    }

    static String authorization(String orderId, int amountMinor, String currency, String cardNumber) {
        return Json.createObjectBuilder()
                .add("orderId", orderId)
                .add("amount", Json.createObjectBuilder().add("amountMinor", amountMinor).add("currency", currency))
                .add("method", "CARD")
                .add("cardNumber", cardNumber)
                .build().toString();
    }

    Reply capture(String paymentId) {
        return post("/internal/payments/" + paymentId + "/capture", null);
    }

    Reply voidAuthorization(String paymentId) {
        return post("/internal/payments/" + paymentId + "/void", null);
    }

    Reply refund(String paymentId, int amountMinor, String currency) {
        return post("/internal/payments/" + paymentId + "/refund", Json.createObjectBuilder()
                .add("amount", Json.createObjectBuilder().add("amountMinor", amountMinor).add("currency", currency))
                .build().toString());
    }

    Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply post(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request.build());
    }

    Reply send(String method, String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * An HTTP answer.
     *
     * @param status status code
     * @param body   body text
     */
    record Reply(int status, String body) {

        JsonValue json() {
            return Json.createReader(new StringReader(body)).readValue();
        }

        String field(String name) {
            return json().asJsonObject().getString(name, null);
        }
    }
}
