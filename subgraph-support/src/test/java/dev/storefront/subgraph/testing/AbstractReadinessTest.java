package dev.storefront.subgraph.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * What every service promises once its database is gone: readiness reports DOWN (503) while
 * liveness stays up, and a GraphQL operation that needs the database answers with an error, not an
 * HTTP 500, a stack trace or SQL. Each service extends it, annotated {@code @HelidonTest} (on the
 * subclass, after any extension the service needs at start-up such as {@code TestTokenIssuer}), and
 * names such an operation; a service with more to say without its database adds its own checks in
 * {@link #withoutTheDatabase}.
 */
@ExtendWith(FreshDatabaseExtension.class)
public abstract class AbstractReadinessTest {

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
