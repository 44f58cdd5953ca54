package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hardening, auth, tracing and resilience settings read from the environment. */
class GatewayConfigTest {

    @Test
    void defaultsAreSafeForProductionExceptTheDeveloperTools() throws Exception {
        GatewayConfig config = GatewayConfig.load(Map.of());
        assertEquals(new OperationLimits(15, 30, 50_000, 10, true, 2000), config.limits());
        assertEquals(10, config.maxBatchSize());
        assertTrue(config.graphiql());
        assertTrue(config.csrfPrevention());
        assertEquals(GatewayConfig.DEFAULT_JWKS_URL, config.auth().jwksUrl().toString());
        assertEquals("storefront-users", config.auth().issuer(), "the same policy as every subgraph: issuer and audience required");
        assertEquals("storefront", config.auth().audience());
        assertEquals(new GatewayTracing.Settings(false, "graphql-gateway", "localhost", 14250, 1.0), config.tracing());
        assertEquals(SubgraphClient.Resilience.defaults(), config.resilience());
        assertTrue(config.persistedQueries());
        assertEquals(PersistedQueries.DEFAULT_CAPACITY, config.persistedQueryCapacity());
        assertEquals(0, config.publicGetMaxAge(), "no response is cacheable unless the operator says so");
    }

    @Test
    void persistedQueriesAndPublicGetCaching() throws Exception {
        GatewayConfig config = GatewayConfig.load(Map.of("GATEWAY_APQ_ENABLED", "false", "GATEWAY_APQ_CACHE_SIZE", "200",
                "GATEWAY_PUBLIC_GET_MAX_AGE", "120"));
        assertFalse(config.persistedQueries());
        assertEquals(200, config.persistedQueryCapacity());
        assertEquals(120, config.publicGetMaxAge());
        assertEquals("GATEWAY_PUBLIC_GET_MAX_AGE must not be negative, got: -1", assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(Map.of("GATEWAY_PUBLIC_GET_MAX_AGE", "-1"))).getMessage());
        assertEquals("GATEWAY_MAX_FIELDS must be at least 1, got: 0", assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(Map.of("GATEWAY_MAX_FIELDS", "0"))).getMessage());
        assertEquals("GATEWAY_APQ_CACHE_SIZE must be at least 1, got: 0", assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(Map.of("GATEWAY_APQ_CACHE_SIZE", "0"))).getMessage());
    }

    @Test
    void everySettingHasAnEnvironmentVariable() throws Exception {
        GatewayConfig config = GatewayConfig.load(Map.ofEntries(
                Map.entry("GATEWAY_MAX_DEPTH", "8"), Map.entry("GATEWAY_MAX_ALIASES", "4"),
                Map.entry("GATEWAY_MAX_COST", "300"), Map.entry("GATEWAY_DEFAULT_LIST_SIZE", "20"), Map.entry("GATEWAY_MAX_FIELDS", "700"),
                Map.entry("GATEWAY_INTROSPECTION", "false"), Map.entry("GATEWAY_GRAPHIQL", "false"),
                Map.entry("GATEWAY_CSRF_PREVENTION", "false"), Map.entry("GATEWAY_MAX_BATCH_SIZE", "0"),
                Map.entry("GATEWAY_JWKS_URL", "http://users:8081/.well-known/jwks.json"),
                Map.entry("GATEWAY_JWT_ISSUER", "storefront-users"), Map.entry("GATEWAY_JWT_AUDIENCE", "storefront"),
                Map.entry("GATEWAY_JWKS_CACHE_SECONDS", "60"), Map.entry("GATEWAY_JWKS_MIN_REFRESH_MS", "5000"),
                Map.entry("TRACING_ENABLED", "true"), Map.entry("TRACING_SERVICE", "edge"),
                Map.entry("TRACING_HOST", "jaeger"), Map.entry("TRACING_PORT", "14251"), Map.entry("TRACING_SAMPLE_RATIO", "0.25"),
                Map.entry("GATEWAY_SUBGRAPH_RETRIES", "2"), Map.entry("GATEWAY_SUBGRAPH_RETRY_BACKOFF_MS", "5"),
                Map.entry("GATEWAY_CIRCUIT_FAILURE_THRESHOLD", "7"), Map.entry("GATEWAY_CIRCUIT_OPEN_MS", "2500")));
        assertEquals(new OperationLimits(8, 4, 300, 20, false, 700), config.limits());
        assertFalse(config.graphiql());
        assertFalse(config.csrfPrevention());
        assertEquals(0, config.maxBatchSize());
        assertEquals("http://users:8081/.well-known/jwks.json", config.auth().jwksUrl().toString());
        assertEquals("storefront-users", config.auth().issuer());
        assertEquals("storefront", config.auth().audience());
        assertEquals(Duration.ofSeconds(60), config.auth().cacheTtl());
        assertEquals(Duration.ofMillis(5000), config.auth().minRefreshInterval());
        assertEquals(new GatewayTracing.Settings(true, "edge", "jaeger", 14251, 0.25), config.tracing());
        assertEquals(new SubgraphClient.Resilience(2, Duration.ofMillis(5), 7, Duration.ofMillis(2500)), config.resilience());
    }

    @Test
    void tokenVerificationCanBeSwitchedOffAndBadValuesStopTheStart() throws Exception {
        assertNull(GatewayConfig.load(Map.of("GATEWAY_JWKS_URL", "none")).auth());
        var bool = assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(Map.of("GATEWAY_INTROSPECTION", "off")));
        assertEquals("GATEWAY_INTROSPECTION must be true or false, got: off", bool.getMessage());
        var number = assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(Map.of("GATEWAY_MAX_DEPTH", "deep")));
        assertEquals("GATEWAY_MAX_DEPTH must be an integer, got: deep", number.getMessage());
        var url = assertThrows(IllegalArgumentException.class, () -> GatewayConfig.load(Map.of("GATEWAY_JWKS_URL", "not a url")));
        assertTrue(url.getMessage().startsWith("GATEWAY_JWKS_URL is not a URL"), url.getMessage());
    }
}
