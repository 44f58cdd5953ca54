package dev.storefront.payments;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class ReadinessTest {

    @Test
    void notReadyOnceTheDatabaseIsGone() throws Exception {
        GraphQlClient client = GraphQlClient.forRunningServer();
        assertThat(client.get("/health/ready").status(), is(200));

        FreshDatabaseExtension.dropCurrent();

        GraphQlClient.Response ready = client.get("/health/ready");
        assertThat(ready.status(), is(503));
        assertThat(ready.body(), containsString("\"status\":\"DOWN\""));
        assertThat(client.get("/health/live").status(), is(200));
    }
}
