package dev.storefront.orders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The internal HTTP endpoints of products and users that the cart and the shipping address need,
 * served by a real HTTP server (JDK {@code com.sun.net.httpserver}) on a free port, speaking the
 * services' internal contract: {@code POST /internal/products/lookup} (a fixed catalogue) and
 * {@code GET /internal/users/{userId}/addresses/{addressId}} (an address book a test can change).
 * The whole saga against the real services runs in e2e/ (CartCheckoutTest). Register it before
 * {@code @HelidonTest}: it points {@code products.url} and {@code users.url} at itself (system
 * properties outrank the test configuration) and puts them back afterwards.
 */
public class PeerServices implements BeforeAllCallback, AfterAllCallback {

    /** The catalogue: prod-01 to prod-80 exist (price 1000 + n EUR minor units, stock 100), nothing else. */
    private static final Pattern PRODUCT = Pattern.compile("prod-(\\d{2})");
    private static final Pattern ADDRESS = Pattern.compile("/internal/users/([^/]+)/addresses/([^/]+)");

    private static final Map<String, JsonObject> ADDRESSES = new ConcurrentHashMap<>();
    private static final AtomicBoolean USERS_DOWN = new AtomicBoolean();
    private HttpServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/internal/products/lookup", this::lookup);
        server.createContext("/internal/users/", this::address);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty("products.url", url);
        System.setProperty("users.url", url);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("products.url");
        System.clearProperty("users.url");
        server.stop(0);
        ADDRESSES.clear();
        USERS_DOWN.set(false);
    }

    /** Put (or replace) an address in an account's address book. */
    static void putAddress(String userId, String addressId, String recipient, String line1, String city, String postalCode,
                           String country) {
        ADDRESSES.put(userId + "/" + addressId, Json.createObjectBuilder().add("id", addressId).add("recipient", recipient)
                .add("line1", line1).add("line2", JsonValue.NULL).add("city", city).add("postalCode", postalCode)
                .add("country", country).add("phone", JsonValue.NULL).build());
    }

    static void removeAddress(String userId, String addressId) {
        ADDRESSES.remove(userId + "/" + addressId);
    }

    /** Make the users endpoints answer 503, as users does when its database is down. */
    static void usersDown(boolean down) {
        USERS_DOWN.set(down);
    }

    private void lookup(HttpExchange exchange) throws IOException {
        JsonObject request;
        try (InputStream in = exchange.getRequestBody();
             var reader = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))) {
            request = reader.readObject();
        }
        JsonArrayBuilder found = Json.createArrayBuilder();
        request.getJsonArray("ids").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .filter(PeerServices::inCatalogue)
                .forEach(id -> found.add(Json.createObjectBuilder().add("id", id).add("name", "Product " + id)
                        .add("price", Json.createObjectBuilder().add("amountMinor", 1000 + Integer.parseInt(id.substring(5)))
                                .add("currency", "EUR"))
                        .add("stock", 100)));
        send(exchange, 200, found.build().toString());
    }

    static boolean inCatalogue(String id) {
        Matcher product = PRODUCT.matcher(id);
        return product.matches() && Integer.parseInt(product.group(1)) >= 1 && Integer.parseInt(product.group(1)) <= 80;
    }

    private void address(HttpExchange exchange) throws IOException {
        Matcher path = ADDRESS.matcher(exchange.getRequestURI().getPath());
        if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
            send(exchange, 405, "{\"code\":\"METHOD_NOT_ALLOWED\"}");
            return;
        }
        if (USERS_DOWN.get()) {
            send(exchange, 503, "{\"code\":\"UNAVAILABLE\",\"message\":\"database unavailable\"}");
            return;
        }
        JsonObject address = ADDRESSES.get(path.group(1) + "/" + path.group(2));
        if (address == null) {
            send(exchange, 404, "{\"code\":\"NOT_FOUND\"}");
        } else {
            send(exchange, 200, address.toString());
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

}
