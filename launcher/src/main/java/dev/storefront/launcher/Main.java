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
        // overridable so a second stack (e.g. the start test) can run beside a developer's
        Path run = Path.of(System.getenv().getOrDefault("STOREFRONT_RUN_DIR", home.resolve("run").toString()));
        int dbPort = Integer.parseInt(System.getenv().getOrDefault("STOREFRONT_DB_PORT", "3306"));
        int offset = Integer.parseInt(System.getenv().getOrDefault("STOREFRONT_PORT_OFFSET", "0"));
        int gatewayPort = GATEWAY_PORT + offset;

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
                ? "Started an embedded MariaDB on 127.0.0.1:" + dbPort + " (data in " + run.resolve("mariadb-data") + ")"
                : "Using the database server already listening on 127.0.0.1:" + dbPort);

        java.nio.file.Files.createDirectories(run.resolve("cds"));
        // export spans only when a collector listens (e.g. Jaeger all-in-one): no exporter noise otherwise
        String tracing = String.valueOf(Database.isListening(14250));
        List<ServiceProcess> services = new ArrayList<>();
        for (Service service : SERVICES) {
            int port = service.port() + offset;
            ServiceProcess process = ServiceProcess.start(service.name(),
                    home.resolve(service.name()).resolve("target").resolve(service.name() + ".jar"),
                    Map.of("SERVER_PORT", String.valueOf(port),
                            "DB_CONNECTION_URL", database.jdbcUrl(service.name()),
                            "PRODUCTS_URL", "http://localhost:" + (8082 + offset),
                            "PAYMENTS_URL", "http://localhost:" + (8084 + offset),
                            "SECURITY_JWKS_URL", jwksUrl(offset),
                            "TRACING_ENABLED", tracing),
                    fastStartJvmArgs(run, service.name()),
                    URI.create("http://localhost:" + port + "/health/ready"),
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
                gatewayEnv(gatewayPort, supergraph, offset, tracing),
                fastStartJvmArgs(run, "gateway"),
                URI.create("http://localhost:" + gatewayPort + "/health"),
                run.resolve("logs").resolve("gateway.log"),
                System.out);
        running.add(gateway);
        gateway.awaitReady(Duration.ofSeconds(60));

        System.out.printf("""

                Storefront ready in %.1f s.
                  GraphiQL:  http://localhost:%d/graphiql
                  GraphQL:   http://localhost:%d/graphql
                  Services:  users :%d, products :%d, orders :%d, payments :%d (each /graphql, /health, /metrics)
                  Logs:      %s
                Try:
                  curl -s localhost:%d/graphql -H 'content-type: application/json' \\
                    -d '{"query":"{ products(first: 3) { edges { node { name price { amountMinor currency } stock } } } }"}'
                Ctrl-C stops everything.
                %n""", (System.nanoTime() - started) / 1e9, gatewayPort, gatewayPort,
                8081 + offset, 8082 + offset, 8083 + offset, 8084 + offset, run.resolve("logs"), gatewayPort);
        stopped.await();
    }

    /** The gateway on the checked-in supergraph, its subgraph URLs moved by the port offset. */
    private static Map<String, String> gatewayEnv(int port, Path supergraph, int offset, String tracing) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("GATEWAY_PORT", String.valueOf(port));
        env.put("GATEWAY_SUPERGRAPH", supergraph.toString());
        env.put("GATEWAY_JWKS_URL", jwksUrl(offset));
        env.put("TRACING_ENABLED", tracing);
        for (Service service : SERVICES) {
            env.put("SUBGRAPH_" + service.name().toUpperCase(java.util.Locale.ROOT) + "_URL",
                    "http://localhost:" + (service.port() + offset) + "/graphql");
        }
        return env;
    }

    /**
     * Start-up over peak speed for a local stack: C1 only, and a class-data archive per process
     * that the JVM writes on the first start and maps on later ones (fewer classes to load and
     * verify: the four services start together on few cores).
     */
    private static List<String> fastStartJvmArgs(Path run, String name) {
        return List.of("-XX:TieredStopAtLevel=1",
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + run.resolve("cds").resolve(name + ".jsa"));
    }

    /** The users service publishes the keys that sign storefront tokens. */
    private static String jwksUrl(int offset) {
        return "http://localhost:" + (8081 + offset) + "/.well-known/jwks.json";
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
