package dev.storefront.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A start on a busy machine is waited for as long as it makes progress; a process that exits or
 * stops making progress fails the start at once, saying which service, where its log is and what
 * to change. Stand-in services ({@link FakeService}) are real processes.
 */
class ReadinessWaitTest {

    private static final Duration STALL_LIMIT = Duration.ofSeconds(2);

    private final List<ServiceProcess> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ServiceProcess process : started) {
            process.close();
        }
    }

    @Test
    void aServiceThatKeepsTalkingIsWaitedForPastTheLimit() throws Exception {
        int port = freePort();
        ServiceProcess slow = fake("slow-svc", port, "slow", String.valueOf(port));
        Duration ready = slow.awaitReady(STALL_LIMIT);
        // 5 s of start-up at the least, while the limit is 2 s without progress
        assertThat(ready, greaterThan(Duration.ofSeconds(5)));
    }

    @Test
    void aServiceThatWorksSilentlyIsWaitedForPastTheLimit() throws Exception {
        int port = freePort();
        ServiceProcess busy = fake("busy-svc", port, "busy", String.valueOf(port));
        assertThat(busy.awaitReady(STALL_LIMIT), greaterThan(Duration.ofSeconds(4)));
    }

    @Test
    void aProcessThatExitsFailsTheStartAtOnceWithItsLog() throws Exception {
        ServiceProcess dead = fake("dead-svc", freePort(), "exits");
        long before = System.nanoTime();
        ServiceProcess.StartFailure failure = assertThrows(ServiceProcess.StartFailure.class,
                () -> dead.awaitReady(Duration.ofSeconds(60)));
        assertThat(Duration.ofNanos(System.nanoTime() - before), lessThan(Duration.ofSeconds(15)));
        assertThat(failure.getMessage(), allOf(containsString("dead-svc exited with code 3 before it was ready"),
                containsString(log("dead-svc").toString()), containsString("cannot reach the database at 127.0.0.1:1")));
    }

    @Test
    void whyAProcessGaveUpIsQuotedHoweverMuchItLoggedAfterwards() throws Exception {
        ServiceProcess quitter = fake("quitter-svc", freePort(), "gives-up");
        ServiceProcess.StartFailure failure = assertThrows(ServiceProcess.StartFailure.class,
                () -> quitter.awaitReady(Duration.ofSeconds(60)));
        assertThat(failure.getMessage(), allOf(containsString("quitter-svc exited with code 0 before it was ready"),
                containsString("INFO: shutting down part 19"), not(containsString("[cds]")),
                containsString("First errors it logged:\n  SEVERE: Failed to start listener: /0.0.0.0:8081\n"
                        + "  Caused by: java.net.BindException: Address already in use")));
    }

    @Test
    void aProcessWithoutProgressFailsAfterTheLimitSayingWhatToRaise() throws Exception {
        ServiceProcess hung = fake("hung-svc", freePort(), "hangs");
        long before = System.nanoTime();
        ServiceProcess.StartFailure failure = assertThrows(ServiceProcess.StartFailure.class,
                () -> hung.awaitReady(STALL_LIMIT));
        Duration waited = Duration.ofNanos(System.nanoTime() - before);
        assertThat(waited, allOf(greaterThanOrEqualTo(STALL_LIMIT), lessThan(Duration.ofSeconds(30))));
        assertThat(failure.getMessage(), allOf(containsString("hung-svc is not ready"),
                containsString("made no progress for 2 s"), containsString(log("hung-svc").toString()),
                containsString("waiting for a lock"), containsString("STOREFRONT_START_TIMEOUT=<seconds> (now 2)")));
    }

    @Test
    void oneDeadProcessFailsTheWaitForAllWithoutWaitingOnTheOthers() throws Exception {
        // the first one never gets ready: a wait on one process after the other would sit out its limit
        List<ServiceProcess> processes = List.of(fake("hung-svc", freePort(), "hangs"), fake("dead-svc", freePort(), "exits"));
        long before = System.nanoTime();
        ServiceProcess.StartFailure failure = assertThrows(ServiceProcess.StartFailure.class,
                () -> ServiceProcess.awaitAllReady(processes, Duration.ofSeconds(60), null));
        assertThat(Duration.ofNanos(System.nanoTime() - before), lessThan(Duration.ofSeconds(15)));
        assertThat(failure.getMessage(), containsString("dead-svc exited with code 3"));
    }

    private ServiceProcess fake(String name, int port, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaCommand(), "-cp",
                System.getProperty("java.class.path"), FakeService.class.getName()));
        command.addAll(List.of(args));
        ServiceProcess process = ServiceProcess.start(name, command, Map.of(),
                URI.create("http://localhost:" + port + "/health/ready"), log(name), null);
        started.add(process);
        return process;
    }

    private static Path log(String name) {
        return Path.of("target", "readiness-logs", name + ".log").toAbsolutePath();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
