package dev.storefront.users.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

/**
 * Two stacks started from one checkout at once both generate the development key: whoever comes
 * second must sign with the key of whoever came first, or one stack's tokens fail at the other
 * and a restart signs everyone out. Raced for real: threads of one JVM, and separate JVMs.
 */
class DevelopmentKeyRaceTest {

    private static final String KEY_FILE = "users-jwt-signing-key.dev.pem";

    @Test
    void threadsRacingToCreateTheKeyAllSignWithTheOneThatWasWritten() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "dev-key-threads");
        int writers = 8;
        CyclicBarrier together = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<String>> keyIds = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                keyIds.add(pool.submit(() -> {
                    together.await();
                    return new SigningKeys(config(directory)).signingKey().getKeyID();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : keyIds) {
                ids.add(id.get(2, TimeUnit.MINUTES));
            }
            assertThat(ids, everyItem(is(keyIdInFile(directory))));
            assertOnlyTheKeyFileIsLeft(directory);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void processesRacingToCreateTheKeyAllSignWithTheOneThatWasWritten() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("target"), "dev-key-processes");
        String java = ProcessHandle.current().info().command().orElse("java");
        // every JVM first loads its classes, then all generate at the same wall-clock instant
        long startAt = System.currentTimeMillis() + 8000;
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    DevelopmentKeyRaceTest.class.getName(), directory.toString(), String.valueOf(startAt))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        List<String> ids = new ArrayList<>();
        for (Process process : processes) {
            assertThat(process.waitFor(2, TimeUnit.MINUTES), is(true));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output, process.exitValue(), is(0));
            ids.add(output.lines().filter(line -> line.startsWith("kid=")).findFirst().orElse(output).substring(4));
        }
        assertThat(ids, everyItem(is(keyIdInFile(directory))));
        assertOnlyTheKeyFileIsLeft(directory);
    }

    /** One racing process: waits for the agreed instant, then loads (or creates) the development key. */
    public static void main(String[] args) throws InterruptedException {
        long wait = Long.parseLong(args[1]) - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        System.out.println("kid=" + new SigningKeys(config(Path.of(args[0]))).signingKey().getKeyID());
    }

    private static String keyIdInFile(Path directory) throws IOException {
        return SigningKeys.toJwk(Files.readString(directory.resolve(KEY_FILE)), Optional.empty()).getKeyID();
    }

    private static void assertOnlyTheKeyFileIsLeft(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList(), contains(KEY_FILE));
        }
    }

    private static Config config(Path directory) {
        Map<String, String> settings = Map.of("users.jwt.development-key.directory", directory.toString());
        ConfigSource source = new ConfigSource() {
            @Override
            public Set<String> getPropertyNames() {
                return settings.keySet();
            }

            @Override
            public String getValue(String name) {
                return settings.get(name);
            }

            @Override
            public String getName() {
                return "test";
            }
        };
        return ConfigProviderResolver.instance().getBuilder().withSources(source).build();
    }
}
