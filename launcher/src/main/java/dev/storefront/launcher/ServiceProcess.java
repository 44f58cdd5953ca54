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
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * One storefront process (a service or the gateway) started from its jar with the same JDK as
 * the caller: output goes to a log file and, when asked, to the console with a name prefix;
 * readiness is polled over HTTP while the process shows progress; stopping is graceful first,
 * then forced, and takes the process's children along so nothing is left running.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The setting an operator raises when a slow machine needs more patience (README, "Set up"). */
    public static final String START_TIMEOUT_SETTING = "STOREFRONT_START_TIMEOUT";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final int RECENT_LINES = 12;
    private static final int ERROR_LINES = 6;
    /** The JVM's own logging, e.g. the class-data archive's dump at exit: not what went wrong. */
    private static final Pattern JVM_LOG = Pattern.compile("^\\[[0-9.]+s]\\[\\w+ *]\\[.*");
    /** JUL's level line and chained causes: why a service gave up, however much it logs afterwards. */
    private static final Pattern ERROR = Pattern.compile("^(SEVERE: |Caused by: ).*");
    /** A JVM doing start-up work burns far more; one stuck waiting burns next to nothing. */
    private static final double BUSY_CPU_SHARE = 0.1;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration NOTE_EVERY = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final URI readyUri;
    private final Path logFile;
    private final PrintStream console;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong linesOut = new AtomicLong();
    private final Deque<String> recentLines = new ArrayDeque<>();
    private final List<String> errorLines = new ArrayList<>();
    private Thread pump;

    private ServiceProcess(String name, Process process, URI readyUri, Path logFile, PrintStream console) {
        this.name = name;
        this.process = process;
        this.readyUri = readyUri;
        this.logFile = logFile;
        this.console = console;
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
        command.add(javaCommand());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return start(name, command, env, readyUri, logFile, console);
    }

    /** Start any command as a storefront process (tests start stand-ins this way). */
    static ServiceProcess start(String name, List<String> command, Map<String, String> env,
                                URI readyUri, Path logFile, PrintStream console) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ServiceProcess started = new ServiceProcess(name, builder.start(), readyUri, logFile.toAbsolutePath(), console);
        started.pump = Thread.ofPlatform().daemon().name("log-" + name).start(started::pump);
        return started;
    }

    /** @return the java launcher of this JVM, so every process runs on the JDK the caller selected */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile), true)) {
            String prefix = String.format("%-9s| ", name);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.println(line);
                if (console != null) {
                    console.println(prefix + line);
                }
                synchronized (recentLines) {
                    if (!JVM_LOG.matcher(line).matches()) {
                        if (recentLines.size() == RECENT_LINES) {
                            recentLines.removeFirst();
                        }
                        recentLines.addLast(line);
                    }
                    if (errorLines.size() < ERROR_LINES && ERROR.matcher(line).matches()) {
                        errorLines.add(line);
                    }
                }
                linesOut.incrementAndGet();
            }
        } catch (IOException ignored) {
            // the process ended; its log is complete
        }
    }

    /**
     * Wait until the ready URL answers 200, for as long as the process keeps making progress.
     *
     * @param stallLimit how long the process may go without progress (see {@link #awaitAllReady})
     * @return time from process start to ready
     * @throws StartFailure when the process exits, or makes no progress for the stall limit
     */
    public Duration awaitReady(Duration stallLimit) throws InterruptedException {
        return awaitAllReady(List.of(this), stallLimit, null).get(this);
    }

    /**
     * Wait until every process's ready URL answers 200. A start on a busy machine takes as long
     * as it takes: the wait goes on while a process shows progress — new output, CPU work (at
     * least a tenth of a core), its port opening, its readiness answer changing. It ends at once
     * when a process exits, and when one shows no progress for the stall limit.
     *
     * @param processes  the processes, started
     * @param stallLimit how long a process may go without progress
     * @param onReady    told of each process as it becomes ready, with its start-up time; may be {@code null}
     * @return each process's time from start to ready, in the order they became ready
     * @throws StartFailure naming the process, its log file, and what to do
     */
    public static Map<ServiceProcess, Duration> awaitAllReady(List<ServiceProcess> processes, Duration stallLimit,
                                                              BiConsumer<ServiceProcess, Duration> onReady)
            throws InterruptedException {
        Map<ServiceProcess, Duration> ready = new LinkedHashMap<>();
        Map<ServiceProcess, Progress> waiting = new LinkedHashMap<>();
        processes.forEach(process -> waiting.put(process, new Progress(process)));
        while (!waiting.isEmpty()) {
            for (Iterator<Map.Entry<ServiceProcess, Progress>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<ServiceProcess, Progress> entry = it.next();
                ServiceProcess process = entry.getKey();
                Progress progress = entry.getValue();
                if (!process.process.isAlive()) {
                    throw new StartFailure(process.name + " exited with code " + process.exitValue()
                            + " before it was ready." + process.logAdvice());
                }
                Readiness readiness = process.probe();
                if (readiness.status() == 200) {
                    Duration startUp = Duration.ofNanos(System.nanoTime() - process.startedNanos);
                    ready.put(process, startUp);
                    if (onReady != null) {
                        onReady.accept(process, startUp);
                    }
                    it.remove();
                    continue;
                }
                progress.observe(readiness, stallLimit);
                if (progress.stalledFor().compareTo(stallLimit) > 0) {
                    throw new StartFailure(process.name + " is not ready at " + process.readyUri + " and made no progress for "
                            + stallLimit.toSeconds() + " s (no output, CPU below a tenth of a core, " + readiness.description()
                            + ")." + process.logAdvice() + "\nIf it is only slow (a busy machine), allow more: "
                            + START_TIMEOUT_SETTING + "=<seconds> (now " + stallLimit.toSeconds() + ").");
                }
                if (progress.noteDue() && process.console != null) {
                    process.console.printf("%s: not ready after %d s, still starting (%s); waiting while it makes progress%n",
                            process.name, Duration.ofNanos(System.nanoTime() - process.startedNanos).toSeconds(),
                            readiness.description());
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(POLL);
            }
        }
        return ready;
    }

    private int exitValue() {
        try {
            // the last output may still be on its way to the log: the advice quotes it
            process.waitFor(1, TimeUnit.SECONDS);
            pump.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    private String logAdvice() {
        List<String> tail;
        List<String> errors;
        synchronized (recentLines) {
            tail = List.copyOf(recentLines);
            errors = List.copyOf(errorLines);
        }
        return "\nIts log: " + logFile + (tail.isEmpty() ? " (empty)" : "; last lines:\n  " + String.join("\n  ", tail))
                + (errors.isEmpty() ? "" : "\nFirst errors it logged:\n  " + String.join("\n  ", errors));
    }

    private Readiness probe() throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readyUri)
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return new Readiness(response.statusCode(), readyUri.getPath() + " answers " + response.statusCode());
        } catch (HttpTimeoutException slow) {
            return new Readiness(0, "port open, " + readyUri.getPath() + " not answering");
        } catch (IOException notListening) {
            return new Readiness(-1, "port " + readyUri.getPort() + " not open yet");
        }
    }

    /**
     * What a readiness probe saw.
     *
     * @param status      HTTP status, 0 when the port took the connection but gave no answer, -1 when nothing listens
     * @param description for messages
     */
    private record Readiness(int status, String description) {
    }

    /** The signs of life of one starting process, and when the last one was seen. */
    private static final class Progress {

        private final ServiceProcess process;
        private long lastProgressNanos = System.nanoTime();
        private long lastNoteNanos = System.nanoTime();
        private long lines = -1;
        private int status = Integer.MIN_VALUE;
        private long cpuMarkNanos = System.nanoTime();
        private Duration cpuMark;

        Progress(ServiceProcess process) {
            this.process = process;
            this.cpuMark = cpu();
        }

        void observe(Readiness readiness, Duration stallLimit) {
            long now = System.nanoTime();
            long linesNow = process.linesOut.get();
            if (linesNow != lines || readiness.status() != status) {
                lines = linesNow;
                status = readiness.status();
                lastProgressNanos = now;
            }
            // CPU over a window short enough to count within the stall limit, long enough to be a rate
            long window = Math.min(Duration.ofSeconds(2).toNanos(), stallLimit.toNanos() / 4);
            if (now - cpuMarkNanos >= window) {
                Duration cpuNow = cpu();
                if (cpuNow.minus(cpuMark).toNanos() >= BUSY_CPU_SHARE * (now - cpuMarkNanos)) {
                    lastProgressNanos = now;
                }
                cpuMark = cpuNow;
                cpuMarkNanos = now;
            }
        }

        Duration stalledFor() {
            return Duration.ofNanos(System.nanoTime() - lastProgressNanos);
        }

        boolean noteDue() {
            if (System.nanoTime() - lastNoteNanos < NOTE_EVERY.toNanos()) {
                return false;
            }
            lastNoteNanos = System.nanoTime();
            return true;
        }

        private Duration cpu() {
            return process.process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
    }

    /** A process that did not get ready: the message says which, where its log is, and what to do. */
    public static final class StartFailure extends IllegalStateException {

        StartFailure(String message) {
            super(message);
        }
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
