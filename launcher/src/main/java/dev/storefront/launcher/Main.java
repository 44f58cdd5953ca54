package dev.storefront.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/start}: the whole storefront on one machine. Database (local or embedded), the four
 * services in parallel, then the gateway on the checked-in supergraph; logs stream to the console
 * with a prefix per process; Ctrl-C stops everything, gateway first, database last.
 */
public final class Main {

    /** The four subgraph services: name (also module and database), port. */
    static final List<Service> SERVICES = List.of(
            new Service("users", 8081),
            new Service("products", 8082),
            new Service("orders", 8083),
            new Service("payments", 8084));
    static final int GATEWAY_PORT = 4000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path home = Path.of(System.getProperty("storefront.home", ".")).toAbsolutePath().normalize();
        Path run = home.resolve("run");
        int dbPort = Integer.parseInt(System.getenv().getOrDefault("STOREFRONT_DB_PORT", "3306"));

        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the storefront...");
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    System.err.println("while stopping: " + e);
                }
            }
            stopped.countDown();
        }));

        Database database = Database.localOrEmbedded(dbPort, run.resolve("mariadb-data"));
        running.add(database);
        System.out.println(database.isEmbedded()
                ? "Started an embedded MariaDB on 127.0.0.1:" + dbPort + " (data in run/mariadb-data)"
                : "Using the database server already listening on 127.0.0.1:" + dbPort);

        List<ServiceProcess> services = new ArrayList<>();
        for (Service service : SERVICES) {
            ServiceProcess process = ServiceProcess.start(service.name(),
                    home.resolve(service.name()).resolve("target").resolve(service.name() + ".jar"),
                    Map.of("SERVER_PORT", String.valueOf(service.port()),
                            "DB_CONNECTION_URL", database.jdbcUrl(service.name()),
                            "PRODUCTS_URL", "http://localhost:8082",
                            "PAYMENTS_URL", "http://localhost:8084"),
                    List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"),
                    URI.create("http://localhost:" + service.port() + "/health/ready"),
                    run.resolve("logs").resolve(service.name() + ".log"),
                    System.out);
            running.add(process);
            services.add(process);
        }
        for (ServiceProcess process : services) {
            Duration ready = process.awaitReady(Duration.ofSeconds(90));
            System.out.printf("%s ready in %.1f s%n", process.name(), ready.toMillis() / 1000.0);
        }

        Path supergraph = home.resolve("supergraph").resolve("supergraph.graphql");
        ServiceProcess gateway = ServiceProcess.start("gateway",
                home.resolve("graphql-gateway").resolve("target").resolve("graphql-gateway.jar"),
                Map.of("GATEWAY_PORT", String.valueOf(GATEWAY_PORT),
                        "GATEWAY_SUPERGRAPH", supergraph.toString()),
                List.of(),
                URI.create("http://localhost:" + GATEWAY_PORT + "/health"),
                run.resolve("logs").resolve("gateway.log"),
                System.out);
        running.add(gateway);
        gateway.awaitReady(Duration.ofSeconds(60));

        System.out.printf("""

                Storefront ready in %.1f s.
                  GraphiQL:  http://localhost:%d/graphiql
                  GraphQL:   http://localhost:%d/graphql
                  Services:  users :8081, products :8082, orders :8083, payments :8084 (each /graphql, /health, /metrics)
                  Logs:      %s
                Try:
                  curl -s localhost:%d/graphql -H 'content-type: application/json' \\
                    -d '{"query":"{ products(first: 3) { edges { node { name price { amountMinor currency } stock } } } }"}'
                Ctrl-C stops everything.
                %n""", (System.nanoTime() - started) / 1e9, GATEWAY_PORT, GATEWAY_PORT,
                run.resolve("logs"), GATEWAY_PORT);
        stopped.await();
    }

    /**
     * A subgraph service of the local stack.
     *
     * @param name module, jar and database name
     * @param port HTTP port
     */
    record Service(String name, int port) {
    }
}
