package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.http.GatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Automatic persisted queries against Apollo's own implementations: Apollo Client's persisted
 * query link (src/test/js/apq-client.mjs, hashed queries over GET) drives this gateway and Apollo
 * Server (@apollo/gateway) over the same fixture subgraphs, and both send the same requests and get
 * the same data; the error bodies of the protocol are Apollo Server's. Skipped without npm ci in
 * src/test/js.
 */
class PersistedQueryInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ShopGateway shop;
    private static ReferenceGateway reference;
    private static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        ReferenceGateway.assumeNodeModules();
        shop = new ShopGateway();
        reference = ReferenceGateway.start(shop);
        server = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (reference != null) {
            reference.close();
        }
        if (shop != null) {
            shop.close();
        }
    }

    private static String ours() {
        return "http://127.0.0.1:" + server.port() + "/graphql";
    }

    private static String theirs() {
        return "http://127.0.0.1:" + reference.port() + "/";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> apolloClient(String url, List<Map<String, Object>> operations) throws Exception {
        Process node = new ProcessBuilder("node", ReferenceGateway.JS.resolve("apq-client.mjs").toString(), url,
                JSON.writeValueAsString(operations)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, node.exitValue(), output);
        return JSON.readValue(output, Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void apolloClientsPersistedQueryLinkWorksAgainstBothGatewaysAlike() throws Exception {
        List<Map<String, Object>> operations = List.of(
                Map.of("query", "query Product($id: ID!) { product(id: $id) { name stock price { amount currency } } }",
                        "variables", Map.of("id", "p1")),
                Map.of("query", "{ latestReviews(limit: 2) { body author { name } product { name } } }"),
                // a mutation is never sent over GET by the link: hash-only POST first
                Map.of("query", "mutation { renameAccount(id: \"a1\", name: \"Ada\") { name } }"));
        Map<String, Object> ourRun = apolloClient(ours(), operations);
        Map<String, Object> theirRun = apolloClient(theirs(), operations);

        assertEquals(theirRun.get("results"), ourRun.get("results"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) ourRun.get("results");
        assertEquals(6, results.size());
        assertTrue(results.stream().allMatch(r -> r.get("error") == null && r.get("data") != null), results.toString());
        assertEquals("Product 1", ((Map<String, Object>) ((Map<String, Object>) results.getFirst().get("data")).get("product"))
                .get("name"));

        // the same requests: hash only (GET for queries), the text after PersistedQueryNotFound, then hash only
        List<Map<String, Object>> ourRequests = (List<Map<String, Object>>) ourRun.get("requests");
        List<Map<String, Object>> theirRequests = (List<Map<String, Object>>) theirRun.get("requests");
        assertEquals(theirRequests.stream().map(r -> List.of(r.get("method"), r.get("query"), r.get("hash"))).toList(),
                ourRequests.stream().map(r -> List.of(r.get("method"), r.get("query"), r.get("hash"))).toList());
        assertEquals(List.of("GET", "POST", "GET", "GET", "POST", "GET", "POST", "POST", "POST"),
                ourRequests.stream().map(r -> r.get("method")).toList());
        // Apollo Client 4 asks for application/graphql-response+json: our not-found is 400 there (Apollo
        // Server answers 200); the link reads the errors of the 4xx body and sends the text all the same
        assertEquals(List.of(400, 200, 200, 400, 200, 200, 400, 200, 200), ourRequests.stream().map(r -> r.get("status")).toList());
    }

    @Test
    void protocolErrorsHaveApolloServersMessagesAndCodes() throws Exception {
        String hash = PersistedQueries.sha256Hex("{ me { id } } # unknown");
        String notFound = PersistedQueryTest.body(null, hash, null);
        var theirNotFound = post(theirs(), notFound);
        var ourNotFound = post(ours(), notFound);
        assertEquals(theirNotFound.statusCode(), ourNotFound.statusCode());
        assertEquals(theirNotFound.body().strip(), ourNotFound.body()); // Apollo Server ends the body with a newline
        assertEquals(PersistedQueryTest.NOT_FOUND, post(ours(), notFound).body());
        String mismatch = PersistedQueryTest.body("{ me { name } }", hash, null);
        var theirMismatch = post(theirs(), mismatch);
        var ourMismatch = post(ours(), mismatch);
        assertEquals(theirMismatch.statusCode(), ourMismatch.statusCode());
        // Apollo Server gives this error no code, so its formatter adds INTERNAL_SERVER_ERROR; ours says BAD_REQUEST
        assertEquals(GatewayHttp.firstErrorMessage(theirMismatch), GatewayHttp.firstErrorMessage(ourMismatch));
        String version2 = "{\"query\":\"{ me { name } }\",\"extensions\":{\"persistedQuery\":{\"version\":2,\"sha256Hash\":\""
                + PersistedQueries.sha256Hex("{ me { name } }") + "\"}}}";
        var theirVersion = post(theirs(), version2);
        var ourVersion = post(ours(), version2);
        assertEquals(theirVersion.statusCode(), ourVersion.statusCode());
        assertEquals(GatewayHttp.firstErrorMessage(theirVersion), GatewayHttp.firstErrorMessage(ourVersion));
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
