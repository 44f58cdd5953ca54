package dev.storefront.products;

import dev.storefront.subgraph.testing.AbstractReadinessTest;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

@HelidonTest
class ReadinessTest extends AbstractReadinessTest {

    @Override
    protected String operationNeedingTheDatabase() {
        return "{\"query\":\"{ product(id: \\\"prod-01\\\") { id } }\"}";
    }

    @Override
    protected void withoutTheDatabase(GraphQlClient client) throws Exception {
        // the internal API says "retry later", so orders' saga waits instead of failing the order
        GraphQlClient.Response reserve = InternalHttp.forRunningServer().put("/internal/reservations/order-x",
                "{\"items\":[{\"productId\":\"prod-01\",\"quantity\":1}]}");
        assertThat(reserve.status(), is(503));
        assertThat(reserve.body(), containsString("\"code\":\"UNAVAILABLE\""));
    }
}
