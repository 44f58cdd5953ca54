package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.security.BearerTokenVerifier;
import dev.storefront.gateway.supergraph.OverrideLabels;
import dev.storefront.gateway.supergraph.SubgraphComposer;
import dev.storefront.gateway.supergraph.Supergraph;
import dev.storefront.gateway.supergraph.SupergraphException;
import dev.storefront.gateway.tracing.GatewayTracing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Starts the gateway: load (or compose) the supergraph, build the pipeline, serve HTTP. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        try {
            GatewayConfig config = GatewayConfig.load(System.getenv());
            GatewayServer server = start(config);
            System.out.printf("graphql-gateway listening on http://%s:%d/graphql (GraphiQL at /graphiql%s), started in %d ms%n",
                    config.host(), server.port(), config.storefrontDir() == null ? ""
                            : ", web shop at /shop/ from " + config.storefrontDir(), (System.nanoTime() - started) / 1_000_000);
            System.out.printf("bearer tokens: %s; tracing: %s; introspection: %s; GraphiQL: %s; CSRF prevention: %s; "
                            + "persisted queries: %s; anonymous GET responses: %s%n",
                    config.auth() == null ? "forwarded unchecked (GATEWAY_JWKS_URL=none)" : "verified against " + config.auth().jwksUrl()
                            + " (issuer " + config.auth().issuer() + ", audience " + config.auth().audience() + ")",
                    config.tracing().enabled() ? "to " + config.tracing().collectorHost() + ":" + config.tracing().collectorPort() : "off",
                    config.limits().introspection() ? "on" : "off", config.graphiql() ? "on" : "off", config.csrfPrevention() ? "on" : "off",
                    config.persistedQueries() ? "on" : "off",
                    config.publicGetMaxAge() > 0 ? "public, max-age=" + config.publicGetMaxAge() : "no-store");
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        } catch (SupergraphException | IOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("graphql-gateway cannot start: " + e.getMessage());
            System.exit(1);
        }
    }

    public static GatewayServer start(GatewayConfig config) throws IOException {
        Supergraph supergraph = Supergraph.parse(loadSupergraph(config)).withUrls(config.subgraphUrls());
        GatewayTracing tracing = GatewayTracing.create(config.tracing());
        Gateway gateway = Gateway.builder(supergraph,
                        new SubgraphClient(config.subgraphTimeout(), config.subgraphTimeouts(), config.resilience()))
                .overrideLabels(new OverrideLabels(config.overrideLabels()))
                .planCacheSize(config.planCacheSize())
                .limits(config.limits())
                .tracing(tracing)
                .persistedQueries(new PersistedQueries(config.persistedQueries(), config.persistedQueryCapacity()))
                // one switch for both kinds of sharing: identical fetches, identical whole queries
                .shareExecutions(config.resilience().deduplicate())
                .build();
        BearerTokenVerifier tokens = config.auth() == null ? null : new BearerTokenVerifier(config.auth());
        return new GatewayServer(gateway, new GatewayServer.Settings(config.host(), config.port(), config.maxBodyBytes(),
                config.corsOrigins(), config.maxBatchSize(), config.graphiql(), config.csrfPrevention(), tokens, tracing,
                config.publicGetMaxAge(), config.storefrontDir())).start();
    }

    static String loadSupergraph(GatewayConfig config) throws IOException {
        String source = config.supergraph();
        if (source == null) {
            if (config.devSubgraphs().isEmpty()) {
                throw new SupergraphException("No supergraph: set GATEWAY_SUPERGRAPH (file or URL) or GATEWAY_SUBGRAPHS (name=url,...)");
            }
            return SubgraphComposer.compose(config.devSubgraphs(), config.nodeModules());
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(source))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new SupergraphException("Supergraph URL " + source + " answered " + response.statusCode());
                }
                return response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while loading the supergraph", e);
            }
        }
        Path path = Path.of(source);
        if (!Files.exists(path)) {
            throw new SupergraphException("Supergraph file " + path.toAbsolutePath() + " does not exist");
        }
        return Files.readString(path);
    }
}
