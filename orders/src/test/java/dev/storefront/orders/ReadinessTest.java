package dev.storefront.orders;

import dev.storefront.subgraph.testing.AbstractReadinessTest;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestTokenIssuer.class)
@HelidonTest
class ReadinessTest extends AbstractReadinessTest {

    @Override
    protected GraphQlClient client() {
        // an admin, so the query gets past the access check and reaches the missing database
        return GraphQlClient.forRunningServer().withBearer(TestTokenIssuer.token("user-5", "ADMIN"));
    }

    @Override
    protected String operationNeedingTheDatabase() {
        return "{\"query\":\"{ order(id: \\\"order-1\\\") { id } }\"}";
    }
}
