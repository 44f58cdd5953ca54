package dev.storefront.subgraph.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.storefront.subgraph.internal.JsonRoutes.Answer;

import io.helidon.dbclient.DbClientException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The internal contracts' plumbing on a real web server: answers, refusals and failures as JSON. */
class JsonRoutesTest {

    private static WebServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @JsonbPropertyOrder({"name", "count", "note"})
    public record Echo(String name, int count, String note) {
    }

    static final class ServiceFailure extends RuntimeException {
        ServiceFailure(String message) {
            super(message);
        }
    }

    /** What a service routes: an echo of the body, a failure of its own, and a bug. */
    static final class ProbeRoutes implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            rules.put("/echo/{name}", JsonRoutes.json(req -> Answer.of(201,
                            new Echo(JsonRoutes.pathParameter(req, "name"), JsonRoutes.object(req).getInt("count"), null))
                            .withHeader("Retry-After", "1")))
                    .any("/echo/{name}", JsonRoutes.methodNotAllowed("PUT"))
                    .get("/refused", JsonRoutes.json(req -> {
                        throw new ServiceFailure("the service's own refusal");
                    }, failure -> failure instanceof ServiceFailure ? Answer.error(409, "CONFLICT", failure.getMessage()) : null))
                    .get("/bug", JsonRoutes.json(req -> {
                        throw new IllegalStateException("java.sql.SQLException: secret table name");
                    }))
                    .get("/database-down", JsonRoutes.json(req -> {
                        throw new DbClientException("Communications link failure to db-host:3306");
                    }, JsonRoutes.unavailableWhenTheDatabaseFails("probe")))
                    .get("/bug-beside-a-database", JsonRoutes.json(req -> {
                        throw new IllegalStateException("not a database failure");
                    }, JsonRoutes.unavailableWhenTheDatabaseFails("probe")));
        }
    }

    @BeforeAll
    static void start() {
        server = WebServer.builder().port(0).host("127.0.0.1")
                .routing(routing -> routing.register("/internal/probe", new ProbeRoutes()))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aRouteAnswersItsRecordAsJsonWithItsStatusAndHeaders() throws Exception {
        HttpResponse<String> response = send("PUT", "/echo/a%20b", "application/json", "{\"count\": 3}");
        assertThat(response.statusCode(), is(201));
        assertThat(response.headers().firstValue("Content-Type").orElse(""), containsString("application/json"));
        assertThat(response.headers().firstValue("Retry-After").orElse(""), is("1"));
        // path parameters decoded, fields in the record's order, null fields left out
        assertThat(response.body(), is("{\"name\":\"a b\",\"count\":3}"));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefusedWithACode() throws Exception {
        assertThat(send("PUT", "/echo/x", "text/plain", "{\"count\": 3}").body(),
                is("{\"code\":\"UNSUPPORTED_MEDIA_TYPE\",\"message\":\"The body must be sent as application/json\"}"));
        assertThat(send("PUT", "/echo/x", "text/plain", "{}").statusCode(), is(415));
        for (String body : new String[] {"", "  ", "{not json", "[1, 2]", "\"text\""}) {
            HttpResponse<String> response = send("PUT", "/echo/x", "application/json", body);
            assertThat(body, response.statusCode(), is(400));
            assertThat(body, response.body(), containsString("\"code\":\"INVALID_REQUEST\""));
        }
    }

    @Test
    void anotherMethodOnARoutedPathIs405WithAllow() throws Exception {
        HttpResponse<String> response = send("DELETE", "/echo/x", "application/json", "");
        assertThat(response.statusCode(), is(405));
        assertThat(response.headers().firstValue("Allow").orElse(""), is("PUT"));
        assertThat(response.body(), containsString("\"code\":\"METHOD_NOT_ALLOWED\""));
    }

    @Test
    void theServicesOwnFailuresAreAnsweredAsItMapsThem() throws Exception {
        HttpResponse<String> response = send("GET", "/refused", null, null);
        assertThat(response.statusCode(), is(409));
        assertThat(response.body(), is("{\"code\":\"CONFLICT\",\"message\":\"the service's own refusal\"}"));
    }

    @Test
    void anythingElseIsA500ThatTellsTheCallerNothingInternal() throws Exception {
        HttpResponse<String> response = send("GET", "/bug", null, null);
        assertThat(response.statusCode(), is(500));
        assertThat(response.body(), is("{\"code\":\"INTERNAL_ERROR\",\"message\":\"Internal error\"}"));
        assertThat(response.body(), not(containsString("SQL")));
    }

    @Test
    void aDatabaseFailureIsA503TheCallerMayRetry() throws Exception {
        HttpResponse<String> down = send("GET", "/database-down", null, null);
        assertThat(down.statusCode(), is(503));
        assertThat(down.body(), is("{\"code\":\"UNAVAILABLE\",\"message\":\"The probe database is unavailable; retry later\"}"));
        assertThat(send("GET", "/bug-beside-a-database", null, null).statusCode(), is(500));
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/internal/probe" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
