package dev.storefront.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.http.GatewayServer;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.tracing.GatewayTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.storefront.gateway.GatewayHttp.GRAPHQL_RESPONSE;
import static dev.storefront.gateway.GatewayHttp.firstErrorCode;
import static dev.storefront.gateway.GatewayHttp.firstErrorMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Automatic persisted queries (Apollo's protocol) and cacheable GET responses, over real HTTP
 * through {@link GatewayServer} in front of the shop fixture subgraphs.
 */
class PersistedQueryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_AGE = 60;
    /** Apollo Server's body for an unknown hash, byte for byte. */
    static final String NOT_FOUND = "{\"errors\":[{\"message\":\"PersistedQueryNotFound\","
            + "\"extensions\":{\"code\":\"PERSISTED_QUERY_NOT_FOUND\"}}]}";

    private static ShopGateway shop;
    private static GatewayServer server;
    private static GatewayServer disabled;
    private static GatewayServer uncached;
    private static GatewayHttp http;

    @BeforeAll
    static void start() throws Exception {
        shop = new ShopGateway();
        server = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of(), 10,
                true, true, null, GatewayTracing.disabled(), MAX_AGE)).start();
        http = new GatewayHttp(server);
        Gateway withoutApq = Gateway.builder(shop.supergraph, shop.gateway.client()).planCacheSize(10).limits(OperationLimits.unlimited()).persistedQueries(new PersistedQueries(false, 10)).build();
        disabled = new GatewayServer(withoutApq, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())).start();
        uncached = new GatewayServer(shop.gateway, new GatewayServer.Settings("127.0.0.1", 0, 65536, List.of())).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        disabled.stop();
        uncached.stop();
        shop.close();
    }

    static Map<String, Object> persisted(String hash) {
        Map<String, Object> persisted = new LinkedHashMap<>();
        persisted.put("version", 1);
        persisted.put("sha256Hash", hash);
        return Map.of("persistedQuery", persisted);
    }

    /** A POST body: the text (may be null: hash only), the persistedQuery extension, variables. */
    static String body(String query, String hash, Map<String, Object> variables) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        if (variables != null) {
            body.put("variables", variables);
        }
        body.put("extensions", persisted(hash));
        return JSON.writeValueAsString(body);
    }

    private static HttpResponse<String> post(GatewayHttp to, String body, String accept) throws Exception {
        return to.postRaw(body, "Content-Type", "application/json", "Accept", accept);
    }

    /** Hash-only GET as Apollo Client's useGETForHashedQueries sends it (its Content-Type header passes CSRF prevention). */
    static String hashOnlyPath(String hash, Map<String, Object> variables) throws Exception {
        String path = "/graphql?extensions=" + URLEncoder.encode(JSON.writeValueAsString(persisted(hash)), StandardCharsets.UTF_8);
        return variables == null ? path
                : path + "&variables=" + URLEncoder.encode(JSON.writeValueAsString(variables), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> getHashOnly(GatewayHttp to, String hash, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "GraphQL-Require-Preflight";
        all[1] = "1";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return to.get(hashOnlyPath(hash, null), all);
    }

    private static long metric(String name) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(http.get("/metrics").body());
        assertTrue(m.find(), name);
        return Long.parseLong(m.group(1));
    }

    private static String cacheControl(HttpResponse<String> response) {
        return response.headers().firstValue("Cache-Control").orElse(null);
    }

    @Test
    void registeredQueryRunsByHashOverPostAndGetWithTheSameDataAsTheFullQuery() throws Exception {
        String query = "{ product(id: \"p1\") { name stock price { amount currency } } }";
        String hash = PersistedQueries.sha256Hex(query);
        String full = http.post(query).body();
        assertTrue(full.startsWith("{\"data\":{\"product\":{\"name\":\"Product 1\""), full);

        // the client's first attempt: hash only, not known yet
        assertEquals(NOT_FOUND, post(http, body(null, hash, null), "application/json").body());
        var registration = post(http, body(query, hash, null), "application/json");
        assertEquals(200, registration.statusCode());
        assertEquals(full, registration.body());

        var byPost = post(http, body(null, hash, null), GRAPHQL_RESPONSE);
        assertEquals(200, byPost.statusCode());
        assertEquals(full, byPost.body());
        var byGet = getHashOnly(http, hash);
        assertEquals(200, byGet.statusCode(), byGet.body());
        assertEquals(full, byGet.body());
        // Apollo Client sends Content-Type: application/json on its GETs, which passes CSRF prevention too
        assertEquals(full, http.get(hashOnlyPath(hash, null), "Content-Type", "application/json").body());
        // a hash-only GET is a GET like any other: without a preflight header it is refused
        var simple = http.get(hashOnlyPath(hash, null));
        assertEquals(400, simple.statusCode());
        assertEquals("CSRF_PREVENTED", firstErrorCode(simple));

        // variables travel with the hash; the stored text is an ordinary operation
        String withVariables = "query Product($id: ID!) { product(id: $id) { name } }";
        String variablesHash = PersistedQueries.sha256Hex(withVariables);
        post(http, body(withVariables, variablesHash, Map.of("id", "p2")), "application/json");
        assertEquals("{\"data\":{\"product\":{\"name\":\"Product 3\"}}}", http.get(hashOnlyPath(variablesHash,
                Map.of("id", "p3")), "GraphQL-Require-Preflight", "1").body());
    }

    @Test
    void unknownHashAnswersPersistedQueryNotFoundLikeApolloServer() throws Exception {
        String hash = PersistedQueries.sha256Hex("{ me { id } } # never registered");
        var json = post(http, body(null, hash, null), "application/json");
        assertEquals(200, json.statusCode());
        assertEquals(NOT_FOUND, json.body());
        // under the GraphQL-over-HTTP media type a response without data is 4xx (the spec's MUST);
        // Apollo Client 4, which asks for it, reads the errors of a 4xx body and retries with the text
        var graphqlResponse = post(http, body(null, hash, null), GRAPHQL_RESPONSE);
        assertEquals(400, graphqlResponse.statusCode());
        assertEquals(NOT_FOUND, graphqlResponse.body());
        var get = getHashOnly(http, hash);
        assertEquals(200, get.statusCode());
        assertEquals(NOT_FOUND, get.body());
        // never cached: the client's registration must be seen by the next GET of the same URL
        assertEquals("no-store", cacheControl(get));
        // hashes are exact: the upper-case spelling of a known hash is another hash
        String query = "{ product(id: \"p9\") { name } }";
        post(http, body(query, PersistedQueries.sha256Hex(query), null), "application/json");
        assertEquals(NOT_FOUND, post(http, body(null, PersistedQueries.sha256Hex(query).toUpperCase(), null), "application/json").body());
    }

    @Test
    void wrongHashIsABadRequestAndStoresNothing() throws Exception {
        String query = "{ product(id: \"p4\") { name } }";
        String otherHash = PersistedQueries.sha256Hex("{ product(id: \"p5\") { name } }");
        long registered = metric("gateway_apq_registered_total");
        for (String accept : new String[] {"application/json", GRAPHQL_RESPONSE}) {
            var response = post(http, body(query, otherHash, null), accept);
            assertEquals(400, response.statusCode(), accept);
            assertEquals("provided sha does not match query", firstErrorMessage(response));
            assertEquals("BAD_REQUEST", firstErrorCode(response));
        }
        assertEquals(NOT_FOUND, post(http, body(null, otherHash, null), "application/json").body());
        assertEquals(NOT_FOUND, post(http, body(null, PersistedQueries.sha256Hex(query), null), "application/json").body());
        assertEquals(registered, metric("gateway_apq_registered_total"));
        var version2 = post(http, "{\"query\":\"{ me { id } }\",\"extensions\":{\"persistedQuery\":{\"version\":2,"
                + "\"sha256Hash\":\"" + PersistedQueries.sha256Hex("{ me { id } }") + "\"}}}", "application/json");
        assertEquals(400, version2.statusCode());
        assertEquals("Unsupported persisted query version", firstErrorMessage(version2));
    }

    @Test
    void invalidQueryWithItsCorrectHashIsAValidationErrorAndIsNotStored() throws Exception {
        String invalid = "{ product(id: \"p1\") { nope } }";
        String hash = PersistedQueries.sha256Hex(invalid);
        long registered = metric("gateway_apq_registered_total");
        var response = post(http, body(invalid, hash, null), GRAPHQL_RESPONSE);
        assertEquals(400, response.statusCode());
        assertEquals("GRAPHQL_VALIDATION_FAILED", firstErrorCode(response));
        assertEquals(NOT_FOUND, post(http, body(null, hash, null), "application/json").body());
        String syntaxError = "{ product(id: \"p1\") { name ";
        assertTrue(firstErrorMessage(post(http, body(syntaxError, PersistedQueries.sha256Hex(syntaxError), null),
                "application/json")).contains("Invalid syntax"));
        assertEquals(NOT_FOUND, post(http, body(null, PersistedQueries.sha256Hex(syntaxError), null), "application/json").body());
        assertEquals(registered, metric("gateway_apq_registered_total"));
    }

    @Test
    void disabledPersistedQueriesAnswerPersistedQueryNotSupported() throws Exception {
        GatewayHttp off = new GatewayHttp(disabled);
        String query = "{ me { name } }";
        String notSupported = "{\"errors\":[{\"message\":\"PersistedQueryNotSupported\","
                + "\"extensions\":{\"code\":\"PERSISTED_QUERY_NOT_SUPPORTED\"}}]}";
        var hashOnly = post(off, body(null, PersistedQueries.sha256Hex(query), null), "application/json");
        assertEquals(200, hashOnly.statusCode());
        assertEquals(notSupported, hashOnly.body());
        // also with the text: the client is told to stop sending hashes (Apollo Server does the same)
        assertEquals(notSupported, post(off, body(query, PersistedQueries.sha256Hex(query), null), "application/json").body());
        assertEquals(notSupported, getHashOnly(off, PersistedQueries.sha256Hex(query)).body());
        assertEquals("{\"data\":{\"me\":{\"name\":\"Ada\"}}}", off.post(query).body());
    }

    @Test
    void aPersistedMutationNeverRunsOverGet() throws Exception {
        String original = (String) ((Map<?, ?>) ((Map<?, ?>) GatewayHttp.json(http.post("{ account(id: \"a2\") { name } }"))
                .get("data")).get("account")).get("name");
        String mutation = "mutation Rename($name: String!) { renameAccount(id: \"a2\", name: $name) { name } }";
        String hash = PersistedQueries.sha256Hex(mutation);
        // persisted over POST, where it runs (renaming a2 to its own name)
        var registration = post(http, body(mutation, hash, Map.of("name", original)), "application/json");
        assertEquals("{\"data\":{\"renameAccount\":{\"name\":\"" + original + "\"}}}", registration.body());
        long accountsRequests = shop.gateway.client().requestCounts().get("accounts").get();
        var overGet = http.get(hashOnlyPath(hash, Map.of("name", "Renamed over GET")), "GraphQL-Require-Preflight", "1");
        assertEquals(405, overGet.statusCode(), overGet.body());
        assertEquals("POST", overGet.headers().firstValue("Allow").orElse(null));
        assertEquals("Mutations are only allowed over POST.", firstErrorMessage(overGet));
        assertEquals(accountsRequests, shop.gateway.client().requestCounts().get("accounts").get(), "no subgraph was called");
        assertEquals("{\"data\":{\"account\":{\"name\":\"" + original + "\"}}}", http.post("{ account(id: \"a2\") { name } }").body());
        // a mutation text with its hash over GET is refused before it could be stored
        String other = "mutation { renameAccount(id: \"a2\", name: \"Other\") { name } }";
        String otherHash = PersistedQueries.sha256Hex(other);
        var registerOverGet = http.get("/graphql?query=" + URLEncoder.encode(other, StandardCharsets.UTF_8) + "&extensions="
                + URLEncoder.encode(JSON.writeValueAsString(persisted(otherHash)), StandardCharsets.UTF_8), "GraphQL-Require-Preflight", "1");
        assertEquals(405, registerOverGet.statusCode());
        assertEquals(NOT_FOUND, post(http, body(null, otherHash, null), "application/json").body());
    }

    @Test
    void onlySuccessfulAnonymousGetResponsesArePubliclyCacheable() throws Exception {
        String query = "{ product(id: \"p6\") { name stock } }";
        String path = "/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        var anonymous = http.get(path, "GraphQL-Require-Preflight", "1");
        assertEquals(200, anonymous.statusCode());
        assertEquals("public, max-age=" + MAX_AGE, cacheControl(anonymous));
        assertEquals("Origin, Accept, Authorization, Cookie", anonymous.headers().firstValue("Vary").orElse(null));
        // the CDN case: a hash-only GET of a registered query
        String hash = PersistedQueries.sha256Hex(query);
        post(http, body(query, hash, null), "application/json");
        var byHash = getHashOnly(http, hash);
        assertEquals(anonymous.body(), byHash.body());
        assertEquals("public, max-age=" + MAX_AGE, cacheControl(byHash));

        assertEquals("no-store", cacheControl(http.get(path, "GraphQL-Require-Preflight", "1", "Authorization", "Bearer abc")));
        assertEquals("no-store", cacheControl(getHashOnly(http, hash, "Authorization", "Bearer abc")));
        assertEquals("no-store", cacheControl(http.get(path, "GraphQL-Require-Preflight", "1", "Cookie", "session=1")));
        assertEquals("no-store", cacheControl(http.post(query)));
        // errors: a field error in an executed response, a request error, a refused request
        var fieldError = http.get("/graphql?query=" + URLEncoder.encode("{ account(id: \"a3\") { name nickname } }",
                StandardCharsets.UTF_8), "GraphQL-Require-Preflight", "1");
        assertEquals(200, fieldError.statusCode());
        assertTrue(fieldError.body().contains("nickname of a3 is private"), fieldError.body());
        assertEquals("no-store", cacheControl(fieldError));
        assertEquals("no-store", cacheControl(http.get("/graphql?query=" + URLEncoder.encode("{ nope }", StandardCharsets.UTF_8),
                "GraphQL-Require-Preflight", "1")));
        assertEquals("no-store", cacheControl(http.get(path)), "CSRF refusal");
        // a query plan is debugging output, not a page
        assertEquals("no-store", cacheControl(http.get(path, "GraphQL-Require-Preflight", "1", "X-Query-Plan", "true")));
        // the default (GATEWAY_PUBLIC_GET_MAX_AGE=0): nothing is cacheable
        assertEquals("no-store", cacheControl(new GatewayHttp(uncached).get(path, "GraphQL-Require-Preflight", "1")));
    }

    @Test
    void batchEntriesResolveTheirHashesOneAfterAnother() throws Exception {
        String query = "{ product(id: \"p11\") { name } }";
        String hash = PersistedQueries.sha256Hex(query);
        String batch = "[" + body(query, hash, null) + "," + body(null, hash, null) + ","
                + body(null, PersistedQueries.sha256Hex("{ unknown }"), null) + "]";
        var response = post(http, batch, GRAPHQL_RESPONSE);
        assertEquals(200, response.statusCode());
        String data = "{\"data\":{\"product\":{\"name\":\"Product 11\"}}}";
        assertEquals("[" + data + "," + data + "," + NOT_FOUND + "]", response.body());
    }

    @Test
    void hitsMissesAndRegistrationsAreCounted() throws Exception {
        long hits = metric("gateway_apq_hits_total");
        long misses = metric("gateway_apq_misses_total");
        long registered = metric("gateway_apq_registered_total");
        String query = "{ product(id: \"p8\") { name } }";
        String hash = PersistedQueries.sha256Hex(query);
        post(http, body(null, hash, null), "application/json");
        post(http, body(query, hash, null), "application/json");
        post(http, body(query, hash, null), "application/json"); // already stored: not counted again
        post(http, body(null, hash, null), "application/json");
        getHashOnly(http, hash);
        assertEquals(hits + 2, metric("gateway_apq_hits_total"));
        assertEquals(misses + 1, metric("gateway_apq_misses_total"));
        assertEquals(registered + 1, metric("gateway_apq_registered_total"));
    }
}
