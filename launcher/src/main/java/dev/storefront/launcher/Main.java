package dev.storefront.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;
import sun.misc.SignalHandler;

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
        Settings settings;
        try {
            settings = Settings.read(System.getenv(), System.getProperties());
        } catch (Settings.Invalid e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        handleStopSignals();
        String inUse = portsInUse(settings);
        if (inUse != null) {
            System.err.println("error: " + inUse);
            System.exit(2);
        }
        Path home = settings.home();
        Path run = settings.run();
        int offset = settings.portOffset();
        int gatewayPort = settings.port(GATEWAY_PORT);

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

        Database database = Database.localOrEmbedded(settings.dbPort(), run.resolve("mariadb-data"));
        running.add(database);
        System.out.println(database.isEmbedded()
                ? "Started an embedded MariaDB on 127.0.0.1:" + settings.dbPort() + " (data in " + run.resolve("mariadb-data") + ")"
                : "Using the database server already listening on 127.0.0.1:" + settings.dbPort());

        java.nio.file.Files.createDirectories(run.resolve("cds"));
        // export spans only when a collector listens (e.g. Jaeger all-in-one): no exporter noise otherwise
        String tracing = String.valueOf(Database.isListening(14250));
        List<ServiceProcess> services = new ArrayList<>();
        for (Service service : SERVICES) {
            ServiceProcess process = ServiceProcess.start(service.name(),
                    home.resolve(service.name()).resolve("target").resolve(service.name() + ".jar"),
                    serviceEnvironment(settings, service, tracing),
                    jvmArgs(home, run, service.name()),
                    URI.create("http://localhost:" + settings.port(service.port()) + "/health/ready"),
                    run.resolve("logs").resolve(service.name() + ".log"),
                    System.out);
            running.add(process);
            services.add(process);
        }
        try {
            ServiceProcess.awaitAllReady(services, settings.startTimeout(), (process, ready) ->
                    System.out.printf("%s ready in %.1f s%n", process.name(), ready.toMillis() / 1000.0));

            Path supergraph = home.resolve("supergraph").resolve("supergraph.graphql");
            ServiceProcess gateway = ServiceProcess.start("gateway",
                    home.resolve("graphql-gateway").resolve("target").resolve("graphql-gateway.jar"),
                    gatewayEnv(gatewayPort, supergraph, offset, tracing, webShop(home)),
                    jvmArgs(home, run, "graphql-gateway"),
                    URI.create("http://localhost:" + gatewayPort + "/health"),
                    run.resolve("logs").resolve("gateway.log"),
                    System.out);
            running.add(gateway);
            gateway.awaitReady(settings.startTimeout());
        } catch (ServiceProcess.StartFailure e) {
            // the operator's next step is in the message: no stack trace to dig it out of
            System.err.println("\nThe storefront did not start: " + e.getMessage());
            System.exit(1);
        }

        System.out.printf("""

                Storefront ready in %.1f s.
                  GraphiQL:  http://localhost:%d/graphiql
                  Web shop:  %s
                  GraphQL:   http://localhost:%d/graphql
                  Services:  users :%d, products :%d, orders :%d, payments :%d (each /graphql, /health, /metrics)
                  Databases: %s on 127.0.0.1:%d
                  Logs:      %s
                Try:
                  curl -s localhost:%d/graphql -H 'content-type: application/json' \\
                    -d '{"query":"{ products(first: 3) { edges { node { name price { amountMinor currency } stock } } } }"}'
                Ctrl-C stops everything.
                %n""", (System.nanoTime() - started) / 1e9, gatewayPort,
                webShop(home) != null ? "http://localhost:" + gatewayPort + "/shop/"
                        : "not built (bin/build-shop-if-stale builds storefront/dist)",
                gatewayPort,
                settings.port(8081), settings.port(8082), settings.port(8083), settings.port(8084),
                String.join(", ", SERVICES.stream().map(service -> settings.databaseName(service.name())).toList()),
                settings.dbPort(), run.resolve("logs"), gatewayPort);
        stopped.await();
    }

    /**
     * Ctrl-C and SIGTERM both stop the stack (the shutdown hook). A script's background job
     * starts with SIGINT ignored, and the JVM keeps an ignored signal ignored whatever handler is
     * installed: bin/start resets it before starting Java; started some other way, say so.
     */
    static void handleStopSignals() {
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            try {
                SignalHandler previous = Signal.handle(signal, received -> System.exit(128 + received.getNumber()));
                if (previous == SignalHandler.SIG_IGN) {
                    System.err.println("warning: SIG" + name + " is ignored in this process (a background job of a script?),"
                            + " so it will not stop the storefront; stop it with kill " + ProcessHandle.current().pid()
                            + " (SIGTERM), or start it with bin/start, which resets SIGINT");
                }
            } catch (IllegalArgumentException reserved) {
                // -Xrs or the OS keeps it: the JVM's default handling stays
            }
        }
    }

    /**
     * A taken port would let a service start, fail to listen and exit (or the readiness check
     * reach someone else's process): most often another stack already runs on these ports.
     *
     * @return what is in use and what to do, or {@code null} when every port is free
     */
    static String portsInUse(Settings settings) {
        List<String> taken = new ArrayList<>();
        for (Service service : SERVICES) {
            if (Database.isListening(settings.port(service.port()))) {
                taken.add(settings.port(service.port()) + " (" + service.name() + ")");
            }
        }
        if (Database.isListening(settings.port(GATEWAY_PORT))) {
            taken.add(settings.port(GATEWAY_PORT) + " (gateway)");
        }
        return taken.isEmpty() ? null : "port " + String.join(", ", taken) + " already in use. Another storefront stack?"
                + " Stop it, or start this one beside it on other ports and databases, e.g. "
                + Settings.PORT_OFFSET + "=" + (settings.portOffset() + 100) + " " + Settings.RUN_DIR + "=run/offset-"
                + (settings.portOffset() + 100) + " bin/start (README, \"Set up\")";
    }

    /** A service's environment: its port, its database, the services it calls, where its keys are. */
    static Map<String, String> serviceEnvironment(Settings settings, Service service, String tracing) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(settings.port(service.port())));
        env.put("DB_CONNECTION_URL", Database.jdbcUrl(settings.dbPort(), settings.databaseName(service.name())));
        env.put("PRODUCTS_URL", "http://localhost:" + settings.port(8082));
        env.put("PAYMENTS_URL", "http://localhost:" + settings.port(8084));
        env.put("USERS_URL", "http://localhost:" + settings.port(8081));
        env.put("SECURITY_JWKS_URL", jwksUrl(settings.portOffset()));
        env.put("TRACING_ENABLED", tracing);
        if (service.name().equals("users")) {
            // per run directory, not the working directory's run/keys: stacks in other run
            // directories keep their own key
            env.put("USERS_JWT_DEVELOPMENT_KEY_DIRECTORY", settings.developmentKeyDirectory().toString());
        }
        return env;
    }

    /**
     * The built web shop, which bin/start builds when stale (bin/build-shop-if-stale) before the
     * launcher runs.
     *
     * @return storefront/dist, or null when it holds no build
     */
    static Path webShop(Path home) {
        Path dist = home.resolve("storefront").resolve("dist");
        return java.nio.file.Files.isRegularFile(dist.resolve("index.html")) ? dist : null;
    }

    /** The gateway on the checked-in supergraph, its subgraph URLs moved by the port offset, serving the web shop when built. */
    static Map<String, String> gatewayEnv(int port, Path supergraph, int offset, String tracing, Path webShop) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (webShop != null) {
            env.put("GATEWAY_STOREFRONT_DIR", webShop.toString());
        }
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

    /**
     * A module's shipped JVM settings ({@code <module>/jvm.options}, also read by its container
     * image and the benchmarks), then the local stack's fast-start settings.
     */
    static List<String> jvmArgs(Path home, Path run, String module) {
        List<String> args = new ArrayList<>();
        args.add("@" + home.resolve(module).resolve("jvm.options").toAbsolutePath());
        args.addAll(fastStartJvmArgs(run, module));
        return args;
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
