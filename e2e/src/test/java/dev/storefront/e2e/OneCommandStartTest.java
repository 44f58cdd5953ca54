package dev.storefront.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.storefront.launcher.Database;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The README's start command on a machine without a database server: {@code bin/start} with its
 * database port pointing where nothing listens must start the embedded MariaDB, the four services
 * and the gateway, answer a storefront query, and on SIGINT (Ctrl-C) and on SIGTERM leave no
 * process and no port behind. It is started as a script starts it, as a background job of a
 * non-interactive shell, which begins with SIGINT ignored. Runs on shifted ports, with the
 * offset's own databases, in a temporary run directory, so a developer's own stack and MariaDB on
 * 3306 are untouched; a second start on the same run directory signs with the same key.
 */
class OneCommandStartTest {

    /**
     * Apart from other checkouts' runs of this test on the machine, as the database port is, and
     * below Linux's ephemeral range (32768 and up): every port of the stack (gateway 15000–24900,
     * services up to 28984) must not be one the kernel may hand to some other socket meanwhile (CI
     * once lost payments' port 34784 that way, with the offset up to 29900).
     */
    private static final int OFFSET = 11000 + (int) (ProcessHandle.current().pid() % 100) * 100;
    private static final List<String> SERVICES = List.of("users", "products", "orders", "payments");

    @Test
    void startsEverythingOnAnEmbeddedDatabaseAndStopsCleanlyOnSigintAndSigterm() throws Exception {
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        Path runDir = Files.createTempDirectory("storefront-run");
        int dbPort = 13306 + (int) (ProcessHandle.current().pid() % 1000);
        List<Integer> ports = List.of(dbPort, 4000 + OFFSET, 8081 + OFFSET, 8082 + OFFSET, 8083 + OFFSET, 8084 + OFFSET);
        for (int port : ports) {
            assertThat("port " + port + " is free before the test", Database.isListening(port), is(false));
        }
        Map<String, String> env = Map.of(
                "STOREFRONT_DB_PORT", String.valueOf(dbPort),
                "STOREFRONT_PORT_OFFSET", String.valueOf(OFFSET),
                "STOREFRONT_RUN_DIR", runDir.toString());
        System.out.println("run directory " + runDir + ", port offset " + OFFSET + ", database port " + dbPort);

        boolean passed = false;
        try {
            runBothStarts(home, runDir, env, ports, dbPort);
            passed = true;
        } finally {
            // the embedded MariaDB's binaries and the class-data archives are over 500 MB a run:
            // keep only the logs of a failed run
            deleteRunDirectory(runDir, passed);
        }
    }

    private static void runBothStarts(Path home, Path runDir, Map<String, String> env, List<Integer> ports, int dbPort)
            throws Exception {
        String gateway = "http://localhost:" + (4000 + OFFSET);
        String[] token = new String[1];
        startQueryAndStop(home, env, ports, "INT", true, () -> {
            // the offset's own databases, beside any other stack's on the same server
            List<String> databases = databases(dbPort);
            assertThat(databases, hasItems(SERVICES.stream().map(service -> service + "_" + OFFSET).toArray(String[]::new)));
            assertThat(databases, not(hasItem("users")));
            token[0] = StorefrontStack.login(gateway, "ada@example.com", "storefront-demo");
            assertThat("users keeps its development key in the run directory",
                    Files.exists(runDir.resolve("keys").resolve("users-jwt-signing-key.dev.pem")), is(true));
        });
        startQueryAndStop(home, env, ports, "TERM", false, () -> {
            // signed before the restart: the restarted users service signs with the run directory's key
            JsonObject me = StorefrontStack.graphql(gateway, "{ me { email } }", Map.of(), token[0]);
            assertThat(me.toString(), me.getJsonObject("data").getJsonObject("me").getString("email"), is("ada@example.com"));
        });
    }

    /** Start bin/start as a background job of a script, query the gateway, check, stop it with the signal. */
    private static void startQueryAndStop(Path home, Map<String, String> env, List<Integer> ports, String signal,
                                          boolean firstStart, Check whileRunning) throws Exception {
        // "bin/start &" in a non-interactive shell: the job starts with SIGINT ignored; $! is the
        // launcher's pid, as bin/start execs it
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "bin/start & echo \"launcher pid $!\"; wait")
                .directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        long startedNanos = System.nanoTime();
        Process shell = builder.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        CompletableFuture<Long> launcherPid = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.startsWith("launcher pid ")) {
                        launcherPid.complete(Long.parseLong(line.substring("launcher pid ".length())));
                    }
                    if (line.startsWith("Storefront ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            ready.complete(false);
        });
        List<ProcessHandle> started = new ArrayList<>();
        long pid = launcherPid.get(30, TimeUnit.SECONDS);
        boolean stoppedBySignal;
        try {
            assertThat("bin/start reported ready; output:\n" + output, ready.get(300, TimeUnit.SECONDS), is(true));
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            System.out.printf("bin/start (%s start): whole stack ready in %.1f s (embedded MariaDB)%n",
                    firstStart ? "first" : "second", seconds);
            assertThat(output.toString(), output.toString().contains("Started an embedded MariaDB"), is(true));
            started.addAll(shell.descendants().toList());

            JsonObject response = StorefrontStack.graphql("http://localhost:" + (4000 + OFFSET),
                    "{ products(first: 2) { edges { node { id name stock } } } }", Map.of());
            assertThat(response.toString(), response.getJsonObject("data").getJsonObject("products")
                    .getJsonArray("edges").size(), is(2));
            assertThat(response.toString(), response.getJsonObject("data").getJsonObject("products")
                    .getJsonArray("edges").getJsonObject(0).getJsonObject("node").getString("id"), is("prod-01"));
            checkWebShop(output);
            whileRunning.run();
        } finally {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor();
            stoppedBySignal = shell.waitFor(60, TimeUnit.SECONDS);
            if (!stoppedBySignal) {
                // leave nothing behind for the next test, then fail below
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                shell.waitFor(60, TimeUnit.SECONDS);
            }
        }
        assertThat("SIG" + signal + " stopped bin/start (started in the background of a script); output:\n" + output,
                stoppedBySignal, is(true));
        assertThat("processes left running: " + started,
                started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(), empty());
        for (int port : ports) {
            assertThat("port " + port + " is free after stop", Database.isListening(port), is(false));
        }
    }

    /** bin/start built the web shop, the gateway serves it, and the URL is printed beside GraphiQL's. */
    private static void checkWebShop(StringBuilder output) throws Exception {
        String shop = "http://localhost:" + (4000 + OFFSET) + "/shop/";
        String line = "Web shop:  " + shop;
        // the ready block is printed at once, but read line by line
        for (int i = 0; i < 50 && !contains(output, line); i++) {
            Thread.sleep(100);
        }
        assertThat("bin/start prints the web shop's URL; output:\n" + output, contains(output, line), is(true));
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(shop)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode(), is(200));
        assertThat(page.body(), page.body().contains("<div id=\"root\">"), is(true));
    }

    private static boolean contains(StringBuilder output, String text) {
        synchronized (output) {
            return output.indexOf(text) >= 0;
        }
    }

    private static void deleteRunDirectory(Path runDir, boolean includingLogs) throws IOException {
        Path logs = runDir.resolve("logs");
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (includingLogs || !file.startsWith(logs) && !logs.startsWith(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<String> databases(int dbPort) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort + "/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW DATABASES")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** An assertion on the running stack. */
    @FunctionalInterface
    private interface Check {
        void run() throws Exception;
    }
}
