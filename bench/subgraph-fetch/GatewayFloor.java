// The floor of a gateway's work per operation: the same inbound web server as our gateway
// (Helidon SE 4.1.2) and the same kind of outbound exchanges (blocking HTTP/1.1 on kept-alive
// TCP_NODELAY sockets, head and body in one write), and nothing else: no parsing, validation,
// planning, token verification, JSON reading or merging. For each inbound operation it sends the
// subgraph requests our gateway sent for that shopper and operation (captured by `run capture`),
// one after another, reads every answer whole, and answers with the subgraph answers side by side
// in a JSON array (about the size of the merged answer). Whatever our gateway spends above this is
// its own work; the floor is what the exchanges themselves cost on this machine.
// Run (source-file mode, the gateway's libraries):
//   java -cp 'graphql-gateway/target/libs/*' bench/subgraph-fetch/GatewayFloor.java PORT PLAN_FILE SERVICE=PORT...
// PLAN_FILE: one subgraph request a line, "operation<TAB>authorization<TAB>service<TAB>body", in plan order.
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

public class GatewayFloor {
    record Exchange(int port, byte[] request) {
    }

    /** operation + authorization -> the subgraph exchanges, in plan order */
    static final Map<String, List<Exchange>> PLANS = new HashMap<>();
    static final Map<Integer, ConcurrentLinkedDeque<Connection>> POOLS = new HashMap<>();

    public static void main(String[] args) throws Exception {
        Map<String, Integer> ports = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=");
            ports.put(kv[0], Integer.parseInt(kv[1]));
            POOLS.put(Integer.parseInt(kv[1]), new ConcurrentLinkedDeque<>());
        }
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\t", 4);
            byte[] body = f[3].getBytes(StandardCharsets.UTF_8);
            String head = "POST /graphql HTTP/1.1\r\nHost: localhost:" + ports.get(f[2]) + "\r\n"
                    + "Content-Type: application/json\r\nAccept: application/graphql-response+json, application/json\r\n"
                    + "Authorization: " + f[1] + "\r\nX-Forwarded-For: 127.0.0.1\r\nX-Request-Deadline-Ms: 10000\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] request = new byte[head.length() + body.length];
            System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
            System.arraycopy(body, 0, request, head.length(), body.length);
            PLANS.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>()).add(new Exchange(ports.get(f[2]), request));
        }
        WebServer.builder().port(Integer.parseInt(args[0]))
                .routing(r -> r.post("/graphql", GatewayFloor::handle)
                        .get("/health", (req, res) -> res.send("ok")))
                .build().start();
    }

    static void handle(ServerRequest req, ServerResponse res) throws IOException {
        byte[] inbound = req.content().as(byte[].class);
        String text = new String(inbound, 0, Math.min(inbound.length, 64), StandardCharsets.UTF_8);
        String operation = text.substring(text.indexOf("query ") + 6).split("[ {(]")[0];
        String authorization = req.headers().get(HeaderNames.AUTHORIZATION).get();
        List<Exchange> plan = PLANS.get(operation + " " + authorization);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        out.write('[');
        for (Exchange exchange : plan) {
            if (out.size() > 1) {
                out.write(',');
            }
            out.write(exchange(exchange));
        }
        out.write(']');
        res.header(HeaderNames.CONTENT_TYPE, "application/graphql-response+json");
        res.send(out.toByteArray());
    }

    static byte[] exchange(Exchange exchange) throws IOException {
        ConcurrentLinkedDeque<Connection> pool = POOLS.get(exchange.port());
        Connection c = pool.pollFirst();
        if (c == null) {
            c = new Connection(exchange.port());
        }
        c.out.write(exchange.request());
        c.out.flush();
        byte[] body = c.readResponse();
        pool.addFirst(c);
        return body;
    }

    static final class Connection {
        final Socket socket = new Socket();
        final OutputStream out;
        final InputStream in;

        Connection(int port) throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("localhost", port));
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
        }

        /** Status line (200 or an exception) and headers up to the blank line, then Content-Length bytes of body. */
        byte[] readResponse() throws IOException {
            int length = -1;
            boolean statusLine = true;
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed");
                }
                if (b == '\n') {
                    if (line.length() <= 1) {
                        break;
                    }
                    String header = line.toString().toLowerCase();
                    if (statusLine && !header.startsWith("http/1.1 200")) {
                        throw new IOException("subgraph answered " + header.trim());
                    }
                    statusLine = false;
                    if (header.startsWith("content-length:")) {
                        length = Integer.parseInt(header.substring(15).trim());
                    }
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length");
            }
            return in.readNBytes(length);
        }
    }
}
