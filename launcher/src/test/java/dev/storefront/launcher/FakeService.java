package dev.storefront.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a service process, started by the tests as its own JVM: it starts the way its
 * mode says, then answers {@code /health/ready}.
 * <ul>
 *     <li>{@code slow PORT}: talks for 3 s, listens and answers 503 for 2 s more, then 200;</li>
 *     <li>{@code busy PORT}: works silently (CPU) for 4 s, then answers 200;</li>
 *     <li>{@code exits}: says why and exits with code 3;</li>
 *     <li>{@code hangs}: says what it waits for and waits forever, silent and idle;</li>
 *     <li>{@code gives-up}: logs why it cannot listen, then a page of shutdown chatter (and the
 *     JVM's own lines), and exits with code 0, as Helidon does when its port is taken.</li>
 * </ul>
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "slow" -> {
                for (int i = 0; i < 12; i++) {
                    System.out.println("warming up " + i);
                    Thread.sleep(250);
                }
                AtomicInteger status = new AtomicInteger(503);
                serve(Integer.parseInt(args[1]), status);
                for (int i = 0; i < 8; i++) {
                    System.out.println("migrating " + i);
                    Thread.sleep(250);
                }
                status.set(200);
                System.out.println("ready");
            }
            case "busy" -> {
                long until = System.nanoTime() + 4_000_000_000L;
                long spins = 0;
                while (System.nanoTime() < until) {
                    spins++;
                }
                serve(Integer.parseInt(args[1]), new AtomicInteger(200));
                System.out.println("ready after " + spins + " spins");
            }
            case "exits" -> {
                System.out.println("cannot reach the database at 127.0.0.1:1");
                System.exit(3);
            }
            case "hangs" -> {
                System.out.println("waiting for a lock");
                Thread.sleep(Long.MAX_VALUE);
            }
            case "gives-up" -> {
                System.out.println("SEVERE: Failed to start listener: /0.0.0.0:8081");
                System.out.println("java.util.concurrent.ExecutionException: java.io.UncheckedIOException: Failed to start server");
                System.out.println("Caused by: java.net.BindException: Address already in use");
                for (int i = 0; i < 20; i++) {
                    System.out.println("INFO: shutting down part " + i);
                }
                System.out.println("[4.525s][warning][cds] Skipping jdk/proxy2/$Proxy64: Unsupported location");
                System.exit(0);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void serve(int port, AtomicInteger status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health/ready", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }
}
