package dev.storefront.e2e.security;

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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.storefront.launcher.ServiceProcess;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The four services and the gateway as separate processes from their jars, on fresh databases of
 * the real server, wired for bearer tokens as a deployment is: every subgraph and the gateway
 * verify against this stack's users service JWKS. The shared e2e stack (dev.storefront.e2e) does
 * not pass the JWKS URL, so the services there would look for keys on port 8081; this stack is
 * separate until it does. The users service keeps its development signing key under
 * {@code e2e/target}, where {@link ForgedTokens} reads it to forge expired and misaddressed tokens.
 */
final class SecuredStorefront implements AutoCloseable {

    static final List<String> SERVICES = List.of("users", "products", "orders", "payments");
    private static final String DB_HOST = "127.0.0.1:3306";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();

    private SecuredStorefront() {
    }

    /**
     * Start the services and the gateway, and wait until all are ready.
     *
     * @return the running stack
     */
    static SecuredStorefront start() throws IOException, InterruptedException {
        SecuredStorefront stack = new SecuredStorefront();
        try {
            for (String service : SERVICES) {
                stack.ports.put(service, freePort());
            }
            stack.ports.put("gateway", freePort());
            for (String service : SERVICES) {
                stack.startService(service);
            }
            for (String service : SERVICES) {
                stack.processes.get(service).awaitReady(Duration.ofSeconds(120));
            }
            stack.startGateway();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startService(String service) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(ports.get(service)));
        env.put("DB_CONNECTION_URL", "jdbc:mysql://" + DB_HOST + "/" + databaseName(service)
                + "?createDatabaseIfNotExist=true&allowPublicKeyRetrieval=true&useSSL=false");
        env.put("DB_CONNECTION_USERNAME", "root");
        env.put("PRODUCTS_URL", url("products"));
        env.put("PAYMENTS_URL", url("payments"));
        env.put("SECURITY_JWKS_URL", jwksUrl());
        env.put("USERS_JWT_DEVELOPMENT_KEY_DIRECTORY", signingKeyDirectory().toString());
        env.put("TRACING_ENABLED", "false");
        processes.put(service, ServiceProcess.start(service,
                home.resolve(service).resolve("target").resolve(service + ".jar"),
                env, List.of("-XX:TieredStopAtLevel=1", "-Xmx256m"),
                URI.create(url(service) + "/health/ready"),
                home.resolve("e2e/target/logs/secured-" + service + "-" + runId + ".log"), null));
    }

    private void startGateway() throws IOException, InterruptedException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_PORT", String.valueOf(ports.get("gateway")));
        env.put("GATEWAY_SUPERGRAPH", home.resolve("supergraph/supergraph.graphql").toString());
        for (String service : SERVICES) {
            env.put("SUBGRAPH_" + service.toUpperCase(Locale.ROOT) + "_URL", url(service) + "/graphql");
        }
        env.put("GATEWAY_JWKS_URL", jwksUrl());
        env.put("TRACING_ENABLED", "false");
        ServiceProcess gateway = ServiceProcess.start("gateway",
                home.resolve("graphql-gateway/target/graphql-gateway.jar"), env, List.of("-Xmx256m"),
                URI.create(url("gateway") + "/health"),
                home.resolve("e2e/target/logs/secured-gateway-" + runId + ".log"), null);
        processes.put("gateway", gateway);
        gateway.awaitReady(Duration.ofSeconds(60));
    }

    /** @return the gateway's base URL */
    String gatewayUrl() {
        return url("gateway");
    }

    /** @return where the users service of this run keeps its development signing key */
    Path signingKeyDirectory() {
        return home.resolve("e2e/target/secured-keys-" + runId);
    }

    private String jwksUrl() {
        return url("users") + "/.well-known/jwks.json";
    }

    private String url(String name) {
        return "http://localhost:" + ports.get(name);
    }

    private String databaseName(String service) {
        return "e2e_secured_" + service + "_" + runId;
    }

    /**
     * POST a GraphQL operation to the gateway, whatever the HTTP status (the gateway answers a
     * refused token with 401 and a GraphQL error body).
     *
     * @param query     document
     * @param variables variables as JSON
     * @param token     bearer token, or {@code null} for none
     * @return status and body
     */
    Answer graphql(String query, JsonObject variables, String token) throws IOException, InterruptedException {
        String body = Json.createObjectBuilder().add("query", query).add("variables", variables).build().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject());
    }

    /**
     * Sign in through the gateway's {@code login} mutation, as a storefront does.
     *
     * @param email    account email
     * @param password password
     * @return the bearer token
     */
    String login(String email, String password) throws IOException, InterruptedException {
        Answer answer = graphql("mutation($email: String!, $password: String!) { login(email: $email, password: $password) {"
                        + " token userErrors { code message } } }",
                Json.createObjectBuilder().add("email", email).add("password", password).build(), null);
        JsonValue token = AccessMatrixTest.at(answer.body(), "data.login.token");
        if (!(token instanceof jakarta.json.JsonString s)) {
            throw new IllegalStateException("login of " + email + " failed: " + answer.body());
        }
        return s.getString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the secured e2e databases: " + e.getMessage());
        }
    }

    /**
     * An HTTP answer from the gateway.
     *
     * @param status HTTP status
     * @param body   GraphQL response
     */
    record Answer(int status, JsonObject body) {
    }
}
