package dev.storefront.gateway;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * @apollo/gateway on Apollo Server (node, src/test/js/reference-gateway.mjs) over the same
 * supergraph and fixture subgraphs as a {@link ShopGateway}. Tests that use it are skipped when
 * src/test/js has no node_modules (run npm ci there).
 */
final class ReferenceGateway implements AutoCloseable {
    static final Path JS = Path.of(System.getProperty("gateway.testJsDir", "src/test/js"));

    private final Process process;
    private final int port;

    private ReferenceGateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static void assumeNodeModules() {
        Assumptions.assumeTrue(Files.isDirectory(JS.resolve("node_modules/@apollo/gateway")),
                "run npm ci in " + JS + " for the tests against Apollo's implementation");
    }

    static ReferenceGateway start(ShopGateway shop) throws Exception {
        assumeNodeModules();
        String supergraph = shop.supergraph.sdl();
        for (var s : shop.subgraphs.all()) {
            supergraph = supergraph.replace("http://localhost:0/shop/" + s.name(), s.url());
        }
        Path file = Files.createTempFile("shop-supergraph", ".graphql");
        Files.writeString(file, supergraph);
        Process reference = new ProcessBuilder("node", JS.resolve("reference-gateway.mjs").toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(reference.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
            // node prints nothing else before it is ready
        }
        if (line == null) {
            reference.destroy();
        }
        Assumptions.assumeTrue(line != null, "reference gateway did not start");
        return new ReferenceGateway(reference, Integer.parseInt(line.substring(6).trim()));
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
