package dev.storefront.e2e;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The four services (and, on request, the gateway) as separate processes from their jars, on
 * fresh databases of the real server, on free ports. One stack serves every e2e test class of a
 * run (stored in JUnit's root store); it stops and drops its databases when the run ends. Tests
 * that need other settings (tracing on) start their own with {@link #start(Map)} and close it.
 * Services and gateway verify bearer tokens against this stack's users service JWKS; the users
 * service signs with a development key it keeps in {@link #usersSigningKeyDirectory()}.
 */
public final class StorefrontStack implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    public static final List<String> SERVICES = List.of("users", "products", "orders", "payments");
    private static final String DB_HOST = "127.0.0.1:3306";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    /** Password of the services' own database accounts, given as DB_CONNECTION_PASSWORD (as compose does). */
    private final String accountPassword = "Pw-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final Map<String, String> environment;
    private final boolean ownDatabaseAccounts;

    private StorefrontStack(Map<String, String> environment, boolean ownDatabaseAccounts) {
        this.environment = Map.copyOf(environment);
        this.ownDatabaseAccounts = ownDatabaseAccounts;
    }

    /**
     * The run's stack, started on first use.
     *
     * @param context any extension context of the run
     * @return the running stack
     */
    static StorefrontStack get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(StorefrontStack.class, k -> start(Map.of()), StorefrontStack.class);
    }

    /**
     * A stack of its own, for tests that need settings the shared one does not have; the caller
     * closes it.
     *
     * @param environment added to every process's environment (services and gateway), over the
     *                    defaults, e.g. {@code TRACING_ENABLED=true} and the collector address
     * @return the stack with the four services ready (the gateway starts on {@link #gatewayUrl()})
     */
    public static StorefrontStack start(Map<String, String> environment) {
        return start(environment, false);
    }

    /**
     * A stack of its own whose services each connect to their database as an account of their own
     * ({@link #databaseAccount(String)}, with a password given as {@code DB_CONNECTION_PASSWORD},
     * granted that database only, dropped on close) instead of
     * root: a test can then cut one service off its database ({@link #lockDatabaseAccount},
     * {@link #killDatabaseConnections}) without touching the shared server or anyone else on it.
     *
     * @param environment as {@link #start(Map)}
     * @param ownDatabaseAccounts whether each service gets a database account of its own
     * @return the stack with the four services ready
     */
    public static StorefrontStack start(Map<String, String> environment, boolean ownDatabaseAccounts) {
        StorefrontStack stack = new StorefrontStack(environment, ownDatabaseAccounts);
        try {
            if (ownDatabaseAccounts) {
                stack.createDatabaseAccounts();
            }
            for (String service : SERVICES) {
                stack.ports.put(service, stack.freePort());
            }
            stack.ports.put("gateway", stack.freePort());
            for (String service : SERVICES) {
                stack.start(service);
            }
            for (String service : SERVICES) {
                stack.processes.get(service).awaitReady(Duration.ofSeconds(120));
            }
            return stack;
        } catch (Exception e) {
            stack.close();
            throw new IllegalStateException("Could not start the storefront services", e);
        }
    }

    /**
     * Start (or restart) one service process; returns when started, not when ready.
     *
     * @param service service name
     */
    void start(String service) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(ports.get(service)));
        env.put("DB_CONNECTION_URL", "jdbc:mysql://" + DB_HOST + "/" + databaseName(service)
                + "?createDatabaseIfNotExist=true&allowPublicKeyRetrieval=true&useSSL=false");
        env.put("DB_CONNECTION_USERNAME", "root");
        if (ownDatabaseAccounts) {
            // with a password, given the way compose gives it: an environment variable only
            env.put("DB_CONNECTION_USERNAME", databaseAccount(service));
            env.put("DB_CONNECTION_PASSWORD", accountPassword);
        }
        env.put("PRODUCTS_URL", url("products"));
        env.put("PAYMENTS_URL", url("payments"));
        env.put("USERS_URL", url("users"));
        env.put("SECURITY_JWKS_URL", url("users") + "/.well-known/jwks.json");
        if (service.equals("users")) {
            env.put("USERS_JWT_DEVELOPMENT_KEY_DIRECTORY", usersSigningKeyDirectory().toString());
            // every e2e client registers from 127.0.0.1: the per-address limit (users' own
            // AccountsTest proves it) would otherwise depend on how many test classes ran first
            env.put("USERS_REGISTER_ADDRESS_MAX_ATTEMPTS", "100000");
        }
        env.put("TRACING_ENABLED", "false");
        env.putAll(environment);
        processes.put(service, ServiceProcess.start(service,
                home.resolve(service).resolve("target").resolve(service + ".jar"),
                env, List.of("-XX:TieredStopAtLevel=1", "-Xmx256m"),
                URI.create(url(service) + "/health/ready"),
                home.resolve("e2e").resolve("target").resolve("logs").resolve(service + "-" + runId + ".log"),
                null));
    }

    /**
     * The gateway on the checked-in supergraph, pointed at this stack's services; started on
     * first use.
     *
     * @return gateway base URL
     */
    public synchronized String gatewayUrl() throws IOException, InterruptedException {
        return startGateway("gateway", Map.of());
    }

    /**
     * A second gateway on the same services that also serves the built web shop at {@code /shop/}
     * ({@code GATEWAY_STOREFRONT_DIR}, as bin/start sets it); started on first use. The shared
     * gateway stays as it is for the other tests.
     *
     * @param shopDir the built shop (storefront/dist)
     * @return its base URL
     */
    public synchronized String shopGatewayUrl(Path shopDir) throws IOException, InterruptedException {
        return startGateway("gateway-shop", Map.of("GATEWAY_STOREFRONT_DIR", shopDir.toString()));
    }

    private String startGateway(String name, Map<String, String> extra) throws IOException, InterruptedException {
        if (!processes.containsKey(name)) {
            if (!ports.containsKey(name)) {
                ports.put(name, freePort());
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("GATEWAY_PORT", String.valueOf(ports.get(name)));
            env.put("GATEWAY_SUPERGRAPH", home.resolve("supergraph/supergraph.graphql").toString());
            for (String service : SERVICES) {
                env.put("SUBGRAPH_" + service.toUpperCase(java.util.Locale.ROOT) + "_URL", url(service) + "/graphql");
            }
            env.put("GATEWAY_JWKS_URL", url("users") + "/.well-known/jwks.json");
            env.put("TRACING_ENABLED", "false");
            env.putAll(environment);
            env.putAll(extra);
            ServiceProcess gateway = ServiceProcess.start(name,
                    home.resolve("graphql-gateway/target/graphql-gateway.jar"), env, List.of("-Xmx256m"),
                    URI.create(url(name) + "/health"),
                    home.resolve("e2e/target/logs/" + name + "-" + runId + ".log"), null);
            processes.put(name, gateway);
            gateway.awaitReady(Duration.ofSeconds(60));
        }
        return url(name);
    }

    /** @return base URL of a service or the gateway, e.g. {@code http://localhost:41234} */
    public String url(String name) {
        return "http://localhost:" + ports.get(name);
    }

    /**
     * @return where this stack's users service keeps the development key it signs tokens with (one
     *         per stack, so a restarted users service keeps signing with it; created with the key)
     */
    public Path usersSigningKeyDirectory() {
        return home.resolve("e2e").resolve("target").resolve("users-keys-" + runId);
    }

    /** @return the process of a service */
    ServiceProcess process(String name) {
        return processes.get(name);
    }

    /** @return this run's database name of a service */
    String databaseName(String service) {
        return "e2e_" + service + "_" + runId;
    }

    /**
     * POST a GraphQL query.
     *
     * @param baseUrl   service or gateway base URL
     * @param query     document
     * @param variables variables
     * @return response body
     */
    static JsonObject graphql(String baseUrl, String query, Map<String, ?> variables) throws IOException, InterruptedException {
        return graphql(baseUrl, query, variables, null);
    }

    /**
     * POST a GraphQL query as a signed-in user.
     *
     * @param baseUrl   service or gateway base URL
     * @param query     document
     * @param variables variables
     * @param token     bearer token, or {@code null} for none
     * @return response body
     */
    public static JsonObject graphql(String baseUrl, String query, Map<String, ?> variables, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(graphqlRequest(baseUrl, query, variables, token).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * POST a GraphQL query as a client of the GraphQL-over-HTTP spec's media type, and keep the
     * HTTP status: the gateway answers a refused token with 401 and a GraphQL error body.
     *
     * @param baseUrl   service or gateway base URL
     * @param query     document
     * @param variables variables (a {@code JsonObject} will do)
     * @param token     bearer token, or {@code null} for none
     * @return status and response body, whatever the status
     */
    public static Answer graphqlAnswer(String baseUrl, String query, Map<String, ?> variables, String token)
            throws IOException, InterruptedException {
        HttpRequest request = graphqlRequest(baseUrl, query, variables, token)
                .header("Accept", "application/graphql-response+json, application/json")
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject());
    }

    private static HttpRequest.Builder graphqlRequest(String baseUrl, String query, Map<String, ?> variables, String token) {
        @SuppressWarnings("unchecked")
        String body = Json.createObjectBuilder()
                .add("query", query)
                .add("variables", Json.createObjectBuilder((Map<String, Object>) variables))
                .build().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /**
     * An HTTP answer to a GraphQL request.
     *
     * @param status HTTP status
     * @param body   GraphQL response
     */
    public record Answer(int status, JsonObject body) {
    }

    /**
     * Sign in through the {@code login} mutation, as a storefront does.
     *
     * @param baseUrl  gateway (or users service) base URL
     * @param email    account email (demo accounts: users/README.md)
     * @param password password
     * @return the bearer token
     */
    public static String login(String baseUrl, String email, String password) throws IOException, InterruptedException {
        JsonObject response = graphql(baseUrl,
                "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token userErrors { code message } } }",
                Map.of("email", email, "password", password));
        JsonObject login = response.getJsonObject("data") == null ? null : response.getJsonObject("data").getJsonObject("login");
        if (login == null || login.isNull("token")) {
            throw new IllegalStateException("login of " + email + " failed: " + response);
        }
        return login.getString("token");
    }

    /**
     * Run SQL on a service's database, for assertions on stored state.
     *
     * @param service service name
     * @param sql     query returning one number
     * @return the number
     */
    long count(String service, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + DB_HOST + "/" + databaseName(service), "root", "");
             Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Run a SQL statement on a service's database, for data a test sets up for itself.
     *
     * @param service service name
     * @param sql     statement
     */
    public void execute(String service, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + DB_HOST + "/" + databaseName(service), "root", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * @param service service name
     * @return the database account the service connects as, when the stack was started with
     *         accounts of their own (same name as its database; at most 80 characters in MariaDB)
     */
    String databaseAccount(String service) {
        return databaseName(service);
    }

    private void createDatabaseAccounts() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + DB_HOST + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String service : SERVICES) {
                String account = databaseAccount(service);
                // '%' for TCP from 127.0.0.1, 'localhost' in case the server resolves it so
                for (String host : List.of("%", "localhost")) {
                    s.execute("CREATE USER '" + account + "'@'" + host + "' IDENTIFIED BY '" + accountPassword + "'");
                    // underscores escaped: in a grant's database name they are wildcards
                    s.execute("GRANT ALL PRIVILEGES ON `" + databaseName(service).replace("_", "\\_") + "`.* TO '"
                            + account + "'@'" + host + "'");
                }
            }
        }
    }

    /**
     * Lock or unlock a service's own database account ({@code ALTER USER ... ACCOUNT LOCK}): while
     * locked, no new connection of that service is accepted; its open connections are untouched
     * (see {@link #killDatabaseConnections}). Only for stacks started with accounts of their own.
     *
     * @param service service name
     * @param locked  lock or unlock
     */
    void lockDatabaseAccount(String service, boolean locked) throws SQLException {
        requireOwnAccounts();
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + DB_HOST + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String host : List.of("%", "localhost")) {
                s.execute("ALTER USER '" + databaseAccount(service) + "'@'" + host + "' ACCOUNT " + (locked ? "LOCK" : "UNLOCK"));
            }
        }
    }

    /**
     * Kill every connection the service holds to the server ({@code KILL CONNECTION} on the
     * processlist entries of its own account, and of nobody else).
     *
     * @param service service name
     * @return how many connections were killed
     */
    int killDatabaseConnections(String service) throws SQLException {
        requireOwnAccounts();
        int killed = 0;
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + DB_HOST + "/", "root", "");
             Statement s = c.createStatement()) {
            List<Long> ids = new java.util.ArrayList<>();
            try (var rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + databaseAccount(service) + "'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                try {
                    s.execute("KILL CONNECTION " + id);
                    killed++;
                } catch (SQLException gone) {
                    // closed meanwhile
                }
            }
        }
        return killed;
    }

    private void requireOwnAccounts() {
        if (!ownDatabaseAccounts) {
            throw new IllegalStateException("this stack's services connect as root: start it with ownDatabaseAccounts");
        }
    }

    /**
     * A port nobody listens on and that this stack has not handed out yet: the kernel may offer a
     * port again once its probe socket is closed, and the process it was given to may not be
     * listening yet (two processes of one stack were given the same port that way).
     */
    private int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (!ports.containsValue(port)) {
                return port;
            }
        }
        throw new IOException("no free port that this stack has not handed out already");
    }

    @Override
    public void close() {
        for (ServiceProcess process : processes.values()) {
            try {
                process.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + DB_HOST + "/", "root", "");
             Statement s = c.createStatement()) {
            for (String service : SERVICES) {
                s.execute("DROP DATABASE IF EXISTS " + databaseName(service));
                if (ownDatabaseAccounts) {
                    for (String host : List.of("%", "localhost")) {
                        s.execute("DROP USER IF EXISTS '" + databaseAccount(service) + "'@'" + host + "'");
                    }
                }
            }
        } catch (SQLException e) {
            System.err.println("Could not drop e2e databases: " + e.getMessage());
        }
    }
}
