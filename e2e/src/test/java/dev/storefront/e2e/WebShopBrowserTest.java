package dev.storefront.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The web shop (storefront/) in a real browser: the built shop served by a gateway process at
 * {@code /shop/} over this run's four services, driven by the node scenarios in
 * storefront/tests (playwright-core and Debian's headless chromium, which bin/test installs):
 * browse, search, anonymous cart, sign-in merging the cart, checkout PAID, a declined card and a
 * provider time-out keeping cart and stock, the admin shipping, the shopper seeing SHIPPED with the
 * tracking number, phone width. Screenshots go to e2e/target/screenshots/.
 */
class WebShopBrowserTest {

    @RegisterExtension
    static final StackExtension STACK = new StackExtension();

    private final Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();

    @Test
    void shoppersAndTheAdminUseTheShopInABrowser() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat("a chromium at " + chromium + " (bin/test installs Debian's: apt-get install chromium)",
                Files.isExecutable(Path.of(chromium)), is(true));
        run(List.of("bin/build-shop-if-stale"), home, 600, "building the web shop");
        String gateway = STACK.stack().shopGatewayUrl(home.resolve("storefront").resolve("dist"));
        Path screenshots = home.resolve("e2e").resolve("target").resolve("screenshots");

        long started = System.nanoTime();
        String output = run(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec", "tests/"),
                home.resolve("storefront"), 240, "the browser scenarios", "STOREFRONT_GATEWAY_URL", gateway,
                "STOREFRONT_SCREENSHOTS", screenshots.toString(), "CHROMIUM", chromium);
        System.out.printf("web shop browser scenarios passed in %.1f s; screenshots in %s%n",
                (System.nanoTime() - started) / 1e9, screenshots);
        System.out.println(output);
    }

    /** Runs a command to its end; fails with its whole output when it fails or overruns. */
    private static String run(List<String> command, Path directory, int timeoutSeconds, String what, String... env)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("webshop-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            for (int i = 0; i < env.length; i += 2) {
                builder.environment().put(env[i], env[i + 1]);
            }
            Process process = builder.start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(what + (finished ? " failed" : " took over " + timeoutSeconds + " s") + ":\n" + output,
                    finished && process.exitValue() == 0, is(true));
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
