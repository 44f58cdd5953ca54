package dev.storefront.e2e.tracing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.storefront.launcher.ServiceProcess;

/**
 * The services a checkout crosses (orders, products, payments) as separate processes from their
 * jars, with tracing on and exporting to an in-process {@link JaegerCollector}, each service on a fresh database of the
 * real server (127.0.0.1:3306). Separate from the shared e2e stack, which runs with tracing off.
 */
final class TracedStorefront implements AutoCloseable {

    /** The services a checkout crosses. */
    static final List<String> SERVICES = List.of("products", "orders", "payments");
    private static final String DB_HOST = "127.0.0.1:3306";

    private final Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final JaegerCollector collector;

    private TracedStorefront(JaegerCollector collector) {
        this.collector = collector;
    }

    /**
     * Start the collector and the services, and wait until they are ready.
     *
     * @return the running stack
     */
    static TracedStorefront start() throws IOException, InterruptedException {
        TracedStorefront stack = new TracedStorefront(JaegerCollector.start());
        try {
            for (String service : SERVICES) {
                stack.ports.put(service, freePort());
            }
            for (String service : SERVICES) {
                stack.startService(service);
            }
            for (String service : SERVICES) {
                stack.processes.get(service).awaitReady(Duration.ofSeconds(120));
            }
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private Map<String, String> tracingEnv(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRACING_ENABLED", "true");
        env.put("TRACING_SERVICE", service);
        env.put("TRACING_HOST", "127.0.0.1");
        env.put("TRACING_PORT", String.valueOf(collector.port()));
        // export within a fraction of a second instead of the 5 s default batch delay
        env.put("TRACING_SCHEDULE_DELAY", "PT0.2S");
        return env;
    }

    private void startService(String service) throws IOException {
        Map<String, String> env = tracingEnv(service);
        env.put("SERVER_PORT", String.valueOf(ports.get(service)));
        env.put("DB_CONNECTION_URL", "jdbc:mysql://" + DB_HOST + "/" + databaseName(service)
                + "?createDatabaseIfNotExist=true&allowPublicKeyRetrieval=true&useSSL=false");
        env.put("DB_CONNECTION_USERNAME", "root");
        env.put("PRODUCTS_URL", url("products"));
        env.put("PAYMENTS_URL", url("payments"));
        processes.put(service, ServiceProcess.start(service,
                home.resolve(service).resolve("target").resolve(service + ".jar"),
                env, List.of("-XX:TieredStopAtLevel=1", "-Xmx256m"),
                URI.create(url(service) + "/health/ready"),
                home.resolve("e2e/target/logs/traced-" + service + "-" + runId + ".log"),
                null));
    }

    /** @return the collector every process exports to */
    JaegerCollector collector() {
        return collector;
    }

    /** @return base URL of a service */
    String url(String name) {
        return "http://localhost:" + ports.get(name);
    }

    private String databaseName(String service) {
        return "e2e_traced_" + service + "_" + runId;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ServiceProcess process : processes.values()) {
            process.close();
        }
        collector.close();
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + DB_HOST + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String service : SERVICES) {
                s.execute("DROP DATABASE IF EXISTS " + databaseName(service));
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the traced stack's databases: " + e.getMessage());
        }
    }
}
