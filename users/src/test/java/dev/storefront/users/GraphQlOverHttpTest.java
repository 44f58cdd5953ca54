package dev.storefront.users;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.enterprise.inject.spi.CDI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * The subgraph's GraphQL-over-HTTP behaviour (subgraph-support's SubgraphHttpService), shown on
 * this service: status codes and media types per the GraphQL-over-HTTP spec.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class GraphQlOverHttpTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void queriesWorkOverGetButMutationsAreRefused() throws Exception {
        String token = Sessions.token(GraphQlClient.forRunningServer(), "ada@example.com", Sessions.DEMO_PASSWORD);
        HttpResponse<String> query = get("{ user(id: \"user-1\") { name } }", "Bearer " + token);
        assertThat(query.statusCode(), is(200));
        assertThat(query.body(), is("{\"data\":{\"user\":{\"name\":\"Ada Lovelace\"}}}"));

        HttpResponse<String> mutation = get("mutation { __typename }", "");
        assertThat(mutation.statusCode(), is(405));
        assertThat(mutation.headers().firstValue("Allow").orElse(""), is("POST"));
    }

    @Test
    void postNeedsJson() throws Exception {
        assertThat(post("text/plain", "{ __typename }", "application/json").statusCode(), is(415));
        HttpResponse<String> malformed = post("application/json", "{\"query\": ", "application/json");
        assertThat(malformed.statusCode(), is(400));
        assertThat(malformed.body(), containsString("not valid JSON"));
        assertThat(post("application/json", "{\"query\": 42}", "application/json").statusCode(), is(400));
        assertThat(post("application/json", "{\"query\": \"{ __typename }\", \"variables\": []}", "application/json").statusCode(), is(400));
    }

    @Test
    void requestErrorsAre400OnlyForTheGraphQlResponseMediaType() throws Exception {
        String invalid = "{\"query\": \"{ user(id: \\\"user-1\\\") { shoeSize } }\"}";
        HttpResponse<String> modern = post("application/json", invalid, GRAPHQL_RESPONSE);
        assertThat(modern.statusCode(), is(400));
        assertThat(modern.headers().firstValue("Content-Type").orElse(""), startsWith(GRAPHQL_RESPONSE));
        assertThat(modern.body(), containsString("shoeSize"));

        HttpResponse<String> legacy = post("application/json", invalid, "application/json");
        assertThat(legacy.statusCode(), is(200));
        assertThat(legacy.headers().firstValue("Content-Type").orElse(""), startsWith("application/json"));

        // an execution error is not a request error: data is present, so 200 either way
        HttpResponse<String> fieldError = post("application/json",
                "{\"query\": \"{ user(id: \\\"bad id\\\") { id } }\"}", GRAPHQL_RESPONSE);
        assertThat(fieldError.statusCode(), is(200));
        assertThat(fieldError.body(), containsString("not a valid id"));
    }

    private HttpResponse<String> get(String query, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve("/graphql?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).GET();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String contentType, String body, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(base().resolve("/graphql"))
                .header("Content-Type", contentType).header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI base() {
        return URI.create("http://localhost:" + CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port());
    }
}
