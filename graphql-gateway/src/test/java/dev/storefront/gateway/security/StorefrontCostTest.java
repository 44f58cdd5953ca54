package dev.storefront.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.GatewayConfig;
import dev.storefront.gateway.supergraph.Supergraph;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default limits on the storefront's own supergraph: the bench queries and a deep order history
 * (100 orders, four entity hops: orders → products, payments, users) pass, the bombs do not. On the
 * checked-in supergraph, whose subgraphs put {@code @listSize} on every Relay connection.
 */
class StorefrontCostTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OperationLimits DEFAULTS = defaults();
    private static final Supergraph CHECKED_IN = Supergraph.parse(read("../supergraph/supergraph.graphql"));

    private static OperationLimits defaults() {
        try {
            return GatewayConfig.load(Map.of()).limits();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bench query file's text and variables, its placeholders filled in as bench/wrk.lua does. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> benchQuery(String name) throws Exception {
        Map<String, Object> body = JSON.readValue(read("../bench/queries/" + name + ".json")
                .replace("__USER_ID__", "user-1").replace("__KEY__", "k"), Map.class);
        return body;
    }

    private static long estimate(Supergraph supergraph, String query, Map<String, Object> variables) {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).getFirst();
        return DEFAULTS.estimate(supergraph.apiSchema(), supergraph.costs(), document, operation, variables);
    }

    private static Optional<OperationLimits.Violation> check(Supergraph supergraph, String query) {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).getFirst();
        return DEFAULTS.check(supergraph.apiSchema(), supergraph.costs(), document, operation, Map.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBenchQueriesAndADeepOrderHistoryFitTheDefaultLimits() throws Exception {
        for (String name : new String[] {"product-listing", "product-detail", "order-history", "place-order", "deep-history"}) {
            Map<String, Object> body = benchQuery(name);
            Map<String, Object> variables = (Map<String, Object>) body.getOrDefault("variables", Map.of());
            Document document = Parser.parse((String) body.get("query"));
            assertEquals(Optional.empty(), DEFAULTS.check(CHECKED_IN.apiSchema(), CHECKED_IN.costs(), document,
                    document.getDefinitionsOfType(OperationDefinition.class).getFirst(), variables), name);
        }
        String deep = (String) benchQuery("deep-history").get("query");
        // user 1 + orders 1 + pageInfo 1 + 100 x (edge 1 + order 1 + total 1 + user 1 + items 10 x (1 + 2 prices + product 2)
        //   + payments 10 x (1 + amount 1 + transactions 10 x 2) + statusHistory 10 x 1)
        // our subgraphs put @listSize on every connection (subgraph-support): the page of 100 counts as 100
        assertEquals(3 + 100 * (4 + 10 * 5 + 10 * (2 + 10 * 2) + 10), estimate(CHECKED_IN, deep, Map.of()),
                "the checked-in supergraph sizes a page by its first");
    }

    @Test
    void theBombsAreStillRefused() {
        var hugePage = check(CHECKED_IN, "{ products(first: 100000) { edges { node { id name price { amountMinor } } } } }");
        assertEquals("MAX_COST_EXCEEDED", hugePage.orElseThrow().code());
        assertTrue(hugePage.get().message().startsWith("Estimated query cost 300001 "), hugePage.get().message());
        var pagesInPages = check(CHECKED_IN, "{ users(first: 100) { edges { node { orders(first: 100) { edges { node {"
                + " items { product { name } } } } } } } } }");
        assertEquals("MAX_COST_EXCEEDED", pagesInPages.orElseThrow().code());
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            aliases.append(" p").append(i).append(": product(id: \"p\") { name }");
        }
        assertEquals("MAX_ALIASES_EXCEEDED", check(CHECKED_IN, aliases.append(" }").toString()).orElseThrow().code());
        String deep = "{ user(id: \"u\") { orders(first: 1) { edges { node { user { orders(first: 1) { edges { node { user {"
                + " orders(first: 1) { edges { node { user { orders(first: 1) { edges { node { id } } } } } } } } } } } } } } } } }";
        assertEquals("MAX_DEPTH_EXCEEDED", check(CHECKED_IN, deep).orElseThrow().code());
        StringBuilder fanOut = new StringBuilder("{ product(id: \"p\") { ...F0 } }");
        for (int i = 0; i < 20; i++) {
            fanOut.append(" fragment F").append(i).append(" on Product { ...F").append(i + 1).append(" ...F").append(i + 1)
                    .append(" id }");
        }
        fanOut.append(" fragment F20 on Product { id }");
        assertEquals("MAX_FIELDS_EXCEEDED", check(CHECKED_IN, fanOut.toString()).orElseThrow().code());
    }
}
