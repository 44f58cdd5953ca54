package dev.storefront.gateway;

import dev.storefront.gateway.http.GatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built web shop at /shop/ (GATEWAY_STOREFRONT_DIR): its files served with the right types,
 * index.html for page paths, nothing outside its directory, and no route at all when unset.
 */
class WebShopRouteTest {
    private static final String INDEX = "<!doctype html><title>Storefront</title><script src=\"/shop/assets/app-1a2b.js\"></script>";
    private static final String SCRIPT = "console.log('shop');";
    private static final String SECRET = "not for the web";

    @TempDir
    static Path root;
    private static ShopGateway shop;
    private static GatewayServer withShop;
    private static GatewayServer withoutShop;

    @BeforeAll
    static void start() throws Exception {
        // the shop's directory inside a folder that also holds a file nobody may read over HTTP
        Path dist = Files.createDirectories(root.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), INDEX);
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets").resolve("app-1a2b.js"), SCRIPT);
        Files.writeString(dist.resolve("assets").resolve("app-1a2b.css"), "body{margin:0}");
        Files.writeString(root.resolve("secret.txt"), SECRET);
        shop = new ShopGateway();
        GatewayConfig config = GatewayConfig.load(Map.of("GATEWAY_STOREFRONT_DIR", dist.toString()));
        withShop = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())
                .withStorefront(config.storefrontDir())).start();
        withoutShop = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())).start();
    }

    @AfterAll
    static void stop() {
        withShop.stop();
        withoutShop.stop();
        shop.close();
    }

    @Test
    void servesTheShopsFilesWithTheirTypesAndCaching() throws Exception {
        Response index = get(withShop, "/shop/");
        assertEquals(200, index.status, index.toString());
        assertEquals(INDEX, index.body);
        assertTrue(index.header("content-type").startsWith("text/html"), index.toString());
        assertEquals("no-cache", index.header("cache-control"), "a new build shows at once");
        assertTrue(index.header("content-security-policy").contains("default-src 'self'"), index.toString());

        Response script = get(withShop, "/shop/assets/app-1a2b.js");
        assertEquals(200, script.status, script.toString());
        assertEquals(SCRIPT, script.body);
        assertTrue(script.header("content-type").contains("javascript"), script.toString());
        assertEquals("public, max-age=31536000, immutable", script.header("cache-control"));
        assertTrue(get(withShop, "/shop/assets/app-1a2b.css").header("content-type").startsWith("text/css"));

        Response bare = get(withShop, "/shop");
        assertEquals(301, bare.status, bare.toString());
        assertEquals("/shop/", bare.header("location"));
        // the rest of the gateway is unchanged beside it
        assertEquals(200, get(withShop, "/health").status);
    }

    @Test
    void pagePathsGetTheIndexAndMissingFilesAre404() throws Exception {
        for (String page : List.of("/shop/orders", "/shop/product/prod-01")) {
            Response response = get(withShop, page);
            assertEquals(200, response.status, page);
            assertEquals(INDEX, response.body, page);
        }
        for (String missing : List.of("/shop/assets/app-ffff.js", "/shop/favicon.ico", "/shop/assets/nothing")) {
            Response response = get(withShop, missing);
            assertEquals(404, response.status, missing);
            assertFalse(response.body.contains("<title>"), missing);
        }
    }

    @Test
    void nothingOutsideTheShopsDirectoryIsServed() throws Exception {
        for (String path : List.of("/shop/../secret.txt", "/shop/%2e%2e/secret.txt", "/shop/..%2fsecret.txt",
                "/shop/assets/..%2f..%2fsecret.txt", "/shop/%2e%2e%2fsecret.txt", "/shop/assets/../../secret.txt",
                "/shop/..\\secret.txt", "/shop/%5c..%5csecret.txt", "/shop//" + root.resolve("secret.txt"),
                "/shop/" + root.resolve("secret.txt").toString().replace("/", "%2f"))) {
            Response response = get(withShop, path);
            assertFalse(response.body.contains(SECRET), path + " → " + response);
            assertTrue(response.status == 400 || response.status == 404 || response.status == 301
                    || response.status == 200 && response.body.equals(INDEX), path + " → " + response);
        }
    }

    @Test
    void noShopRouteWhenUnset() throws Exception {
        for (String path : List.of("/shop/", "/shop", "/shop/index.html", "/shop/assets/app-1a2b.js")) {
            assertEquals(404, get(withoutShop, path).status, path);
        }
        assertNull(GatewayConfig.load(Map.of()).storefrontDir());
        assertNull(GatewayConfig.load(Map.of("GATEWAY_STOREFRONT_DIR", " ")).storefrontDir());
    }

    @Test
    void aDirectoryWithoutAnIndexStopsTheStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(Map.of("GATEWAY_STOREFRONT_DIR", root.resolve("nowhere").toString())));
        assertTrue(e.getMessage().startsWith("GATEWAY_STOREFRONT_DIR " + root.resolve("nowhere") + " has no index.html"),
                e.getMessage());
    }

    private record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /** A GET sent byte for byte as written: no client library normalises the path first. */
    private static Response get(GatewayServer server, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String status = line(in);
            Map<String, String> headers = new HashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else {
                body.write(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))));
            }
            return new Response(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
