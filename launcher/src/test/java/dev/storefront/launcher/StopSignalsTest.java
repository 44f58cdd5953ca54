package dev.storefront.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A launcher started as a script's background job inherits SIGINT ignored, and no Java handler can
 * undo that: bin/start resets it (OneCommandStartTest stops bin/start that way), and a launcher
 * started some other way says how to stop it instead of silently ignoring Ctrl-C.
 */
class StopSignalsTest {

    @Test
    void startedInTheBackgroundOfAScriptItSaysHowToStopIt() throws Exception {
        String output = runInBackgroundOfAScript("");
        assertThat(output, containsString("warning: SIGINT is ignored in this process"));
        // what the warning advises works, SIGINT does not
        assertThat(output, containsString("stop it with kill "));
        assertThat(output, containsString("stopped by signal 15"));
    }

    @Test
    void withSigintResetAsBinStartDoesItStopsOnSigint() throws Exception {
        // GNU env 8.31+, which bin/start uses when it has it
        assumeTrue(new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0,
                "env --default-signal is not available");
        String output = runInBackgroundOfAScript("env --default-signal=INT ");
        assertThat(output, not(containsString("warning")));
        assertThat(output, containsString("stopped by signal 2"));
    }

    /**
     * Starts a JVM that installs the launcher's handlers as a background job of a non-interactive
     * shell, sends it SIGINT, then SIGTERM if it is still alive.
     *
     * @return its output, and "stopped by signal N" with the signal that ended it
     */
    private static String runInBackgroundOfAScript(String prefix) throws Exception {
        Path out = Files.createTempFile(Path.of("target"), "signals", ".out");
        String probe = prefix + "'" + ServiceProcess.javaCommand() + "' -cp '" + System.getProperty("java.class.path") + "' '"
                + Probe.class.getName() + "'";
        // bash -c is non-interactive: its background jobs start with SIGINT ignored
        String script = probe + " > \"$OUT\" 2>&1 & pid=$!\n"
                + "for i in $(seq 1 150); do grep -q installed \"$OUT\" && break; sleep 0.2; done\n"
                + "kill -INT $pid\n"
                + "for i in $(seq 1 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done\n"
                + "kill -0 $pid 2>/dev/null && kill -TERM $pid\n"
                + "wait $pid; echo \"stopped by signal $(( $? - 128 ))\"\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().put("OUT", out.toString());
        Process shell = builder.start();
        assertThat(shell.waitFor(60, TimeUnit.SECONDS), is(true));
        return Files.readString(out) + new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Installs the launcher's stop handlers, then waits to be stopped. */
    public static final class Probe {

        private Probe() {
        }

        public static void main(String[] args) throws InterruptedException {
            Main.handleStopSignals();
            System.out.println("installed");
            Thread.sleep(60_000);
        }
    }
}
