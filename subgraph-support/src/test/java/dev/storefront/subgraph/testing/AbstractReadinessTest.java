package dev.storefront.subgraph.testing;

import java.time.Duration;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every service promises once its database is gone: readiness reports DOWN (503) while
 * liveness stays up, and a GraphQL operation that needs the database answers with an error, not an
 * HTTP 500, a stack trace or SQL. Each service extends it, annotated {@code @HelidonTest} (on the
 * subclass, after any extension the service needs at start-up such as {@code TestTokenIssuer}), and
 * names such an operation; a service with more to say without its database adds its own checks in
 * {@link #withoutTheDatabase}. An outage of the database server (the link to it cut, not the
 * database dropped) is answered as {@code SERVICE_UNAVAILABLE}, so a client knows to try again, and
 * the service is back by itself once the server is.
 */
@ExtendWith(FreshDatabaseExtension.class)
@FreshDatabaseExtension.BehindLink
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class AbstractReadinessTest {

    /** How long the pool may take to notice the server is back (its connection timeout is 2 s). */
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    /** @return a GraphQL request body ({@code {"query": ...}}) whose answer needs the database */
    protected abstract String operationNeedingTheDatabase();

    /** @return the client the operation is sent with, e.g. one with an admin's token to get past access checks */
    protected GraphQlClient client() {
        return GraphQlClient.forRunningServer();
    }

    /**
     * Further checks once the database is gone (nothing by default).
     *
     * @param client the client of {@link #client()}
     */
    protected void withoutTheDatabase(GraphQlClient client) throws Exception {
    }

    @Test
    @Order(1)
    void anOutageOfTheDatabaseServerIsServiceUnavailableUntilItIsBack() throws Exception {
        GraphQlClient client = client();
        assertThat(client.get("/health/ready").status(), is(200));
        String before = client.post("/graphql", operationNeedingTheDatabase(), "application/json").body();
        assertThat(before, not(containsString("SERVICE_UNAVAILABLE")));

        FreshDatabaseExtension.cutLink();
        try {
            assertThat(client.get("/health/ready").status(), is(503));
            assertThat(client.get("/health/live").status(), is(200));
            GraphQlClient.Response answer = client.post("/graphql", operationNeedingTheDatabase(), "application/json");
            assertThat(answer.status(), is(200));
            JsonObject json = answer.json();
            var errors = json.getJsonArray("errors");
            assertThat(answer.body(), errors, notNullValue());
            assertThat(answer.body(), errors.stream().map(e -> GraphQlClient.string(e, "extensions.code")).toList(),
                    everyItem(is("SERVICE_UNAVAILABLE")));
            assertThat(answer.body(), not(containsString("Exception")));
            assertThat(answer.body(), not(containsString("SQL")));
            assertThat(answer.body(), not(containsString("jdbc")));
        } finally {
            FreshDatabaseExtension.restoreLink();
        }

        long until = System.nanoTime() + RECOVERY.toNanos();
        while (client.get("/health/ready").status() != 200 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat("ready again once the server is back", client.get("/health/ready").status(), is(200));
        String after = client.post("/graphql", operationNeedingTheDatabase(), "application/json").body();
        assertThat(after, not(containsString("SERVICE_UNAVAILABLE")));
    }

    @Test
    @Order(2)
    void notReadyOnceTheDatabaseIsGoneAndClientsGetCleanErrors() throws Exception {
        GraphQlClient client = client();
        assertThat(client.get("/health/ready").status(), is(200));

        FreshDatabaseExtension.dropCurrent();

        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(503));
        assertThat(ready.body(), containsString("\"status\":\"DOWN\""));
        assertThat(client.get("/health/live").status(), is(200));

        GraphQlClient.Response answer = client.post("/graphql", operationNeedingTheDatabase(), "application/json");
        assertThat(answer.status(), is(200));
        assertThat(answer.body(), containsString("\"errors\""));
        assertThat(answer.body(), not(containsString("Exception")));
        assertThat(answer.body(), not(containsString("at dev.storefront")));
        assertThat(answer.body(), not(containsString("SQL")));
        withoutTheDatabase(client);
    }
}
