package dev.storefront.orders;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
class ReadinessTest {

    @Test
    void notReadyOnceTheDatabaseIsGone() throws Exception {
        // an admin, so the query gets past the access check and reaches the missing database
        GraphQlClient client = GraphQlClient.forRunningServer().withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
        assertThat(client.get("/health/ready").status(), is(200));

        FreshDatabaseExtension.dropCurrent();

        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(503));
        assertThat(ready.body(), containsString("\"status\":\"DOWN\""));
        assertThat(client.get("/health/live").status(), is(200));

        // a query now fails inside the service: the client gets an error, not a 500 or a stack trace
        GraphQlClient.Response query = client.post("/graphql", "{\"query\":\"{ order(id: \\\"order-1\\\") { id } }\"}",
                "application/json");
        assertThat(query.status(), is(200));
        assertThat(query.body(), containsString("\"errors\""));
        assertThat(query.body(), not(containsString("at dev.storefront")));
        assertThat(query.body(), not(containsString("SQL")));
    }
}
