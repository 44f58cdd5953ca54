package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.fixtures.ShopSubgraphs;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import dev.storefront.gateway.supergraph.OverrideLabels;
import dev.storefront.gateway.supergraph.Supergraph;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Test harness: the shop fixture subgraphs and a gateway over the checked-in shop supergraph. */
final class ShopGateway implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static final ObjectMapper JSON_ORDERED = new ObjectMapper();

    final ShopSubgraphs subgraphs;
    final Supergraph supergraph;
    final Gateway gateway;

    ShopGateway(Set<String> enabledLabels) throws Exception {
        subgraphs = new ShopSubgraphs();
        supergraph = Supergraph.parse(FixtureSubgraph.resource("supergraphs/shop.graphql")).withUrls(subgraphs.urls());
        gateway = Gateway.builder(supergraph, new SubgraphClient(Duration.ofSeconds(2), Map.of())).overrideLabels(new OverrideLabels(enabledLabels)).planCacheSize(100).build();
    }

    /** A gateway with the given admission limits, tracing and subgraph resilience. */
    ShopGateway(OperationLimits limits, GatewayTracing tracing, SubgraphClient.Resilience resilience) throws Exception {
        subgraphs = new ShopSubgraphs();
        supergraph = Supergraph.parse(FixtureSubgraph.resource("supergraphs/shop.graphql")).withUrls(subgraphs.urls());
        gateway = Gateway.builder(supergraph, new SubgraphClient(Duration.ofSeconds(2), Map.of(), resilience)).planCacheSize(100)
                .limits(limits).tracing(tracing).shareExecutions(resilience.deduplicate()).build();
    }

    ShopGateway() throws Exception {
        this(Set.of());
    }

    /** Executes and returns the response body as JSON text, keys in response order. */
    String run(String query) {
        return run(query, Map.of());
    }

    String run(String query, Map<String, Object> variables) {
        try {
            return JSON_ORDERED.writeValueAsString(gateway.execute(ExecutionRequest.of(new GraphQLRequest(query, null, variables, Map.of()))).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String plan(String query) {
        return plan(query, Map.of());
    }

    String plan(String query, Map<String, Object> variables) {
        return gateway.plan(query, null, variables).print();
    }

    @Override
    public void close() {
        subgraphs.close();
    }
}
