package dev.storefront.products;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class ReadinessTest {

    @Test
    void notReadyOnceTheDatabaseIsGoneAndClientsGetCleanErrors() throws Exception {
        GraphQlClient client = GraphQlClient.forRunningServer();
        assertThat(client.get("/health/ready").status(), is(200));

        FreshDatabaseExtension.dropCurrent();

        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(503));
        assertThat(ready.body(), containsString("\"status\":\"DOWN\""));
        assertThat(client.get("/health/live").status(), is(200));

        // without a database the internal API says "retry later", the GraphQL API masks the cause
        InternalHttp http = InternalHttp.forRunningServer();
        GraphQlClient.Response reserve = http.put("/internal/reservations/order-x",
                "{\"items\":[{\"productId\":\"prod-01\",\"quantity\":1}]}");
        assertThat(reserve.status(), is(503));
        assertThat(reserve.body(), containsString("\"code\":\"UNAVAILABLE\""));
        GraphQlClient.Response graphql = client.post("/graphql", "{\"query\":\"{ product(id: \\\"prod-01\\\") { id } }\"}",
                "application/json");
        assertThat(graphql.status(), is(200));
        assertThat(graphql.body(), not(containsString("Exception")));
        assertThat(graphql.body(), not(containsString("SQL")));
    }
}
