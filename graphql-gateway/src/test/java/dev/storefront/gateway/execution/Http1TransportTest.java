package dev.storefront.gateway.execution;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keep-alive reuse against a real socket server that closes each connection after answering
 * once, as a subgraph does when its idle timeout ends a pooled connection.
 */
class Http1TransportTest {

    @Test
    void aRequestThatMustNotBeRetriedNeverGoesOutOnAConnectionTheServerClosed() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        int n = connections.incrementAndGet();
                        answerOnce(socket, "{\"n\":" + n + "}");
                        // closed right after the answer, without "Connection: close": a stale pooled connection
                    } catch (Exception ignored) {
                        // server closed
                    }
                }
            });
            Http1Transport http = new Http1Transport();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/graphql";
            byte[] fixed = "Content-Type: application/json\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] body = "{\"query\":\"mutation { m }\"}".getBytes(StandardCharsets.UTF_8);

            assertEquals("{\"n\":1}", new String(http.post(url, fixed, Map.of(), body, 5000, false).body(), StandardCharsets.UTF_8));
            Thread.sleep(100); // let the server's close arrive
            // not retryable (a mutation): the closed pooled connection is noticed before sending
            assertEquals("{\"n\":2}", new String(http.post(url, fixed, Map.of(), body, 5000, false).body(), StandardCharsets.UTF_8));
            assertEquals(2, connections.get());
        }
    }

    private static void answerOnce(Socket socket, String json) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
        OutputStream out = socket.getOutputStream();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }
}
