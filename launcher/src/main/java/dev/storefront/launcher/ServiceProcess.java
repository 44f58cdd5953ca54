package dev.storefront.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One storefront process (a service or the gateway) started from its jar with the same JDK as
 * the caller: output goes to a log file and, when asked, to the console with a name prefix;
 * readiness is polled over HTTP; stopping is graceful first, then forced, and takes the process's
 * children along so nothing is left running.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final URI readyUri;
    private final long startedNanos = System.nanoTime();

    private ServiceProcess(String name, Process process, URI readyUri) {
        this.name = name;
        this.process = process;
        this.readyUri = readyUri;
    }

    /**
     * Start a jar.
     *
     * @param name     short name, used as the log prefix
     * @param jar      runnable jar (its libs beside it)
     * @param env      environment added to the caller's
     * @param jvmArgs  JVM options
     * @param readyUri URL that answers 200 once the process is ready
     * @param logFile  file that receives the process output
     * @param console  where to echo prefixed output, or {@code null} for none
     * @return the started process
     * @throws IOException when it cannot be started
     */
    public static ServiceProcess start(String name, Path jar, Map<String, String> env, List<String> jvmArgs,
                                       URI readyUri, Path logFile, PrintStream console) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("No jar at " + jar + ": build first (mvn -DskipTests install)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process process = builder.start();
        Thread.ofPlatform().daemon().name("log-" + name).start(() -> pump(name, process, logFile, console));
        return new ServiceProcess(name, process, readyUri);
    }

    private static void pump(String name, Process process, Path logFile, PrintStream console) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile), true)) {
            String prefix = String.format("%-9s| ", name);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.println(line);
                if (console != null) {
                    console.println(prefix + line);
                }
            }
        } catch (IOException ignored) {
            // the process ended; its log is complete
        }
    }

    /**
     * Wait until the ready URL answers 200.
     *
     * @param timeout how long to wait
     * @return time from process start to ready
     * @throws IllegalStateException when the process exits or the timeout passes
     */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readyUri)
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not ready at " + readyUri + " within " + timeout);
    }

    /** @return short name */
    public String name() {
        return name;
    }

    /** @return operating system process id */
    public long pid() {
        return process.pid();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kill at once, as a crash would (no shutdown hooks run). */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Stop gracefully (SIGTERM), forcibly after 10 seconds. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
