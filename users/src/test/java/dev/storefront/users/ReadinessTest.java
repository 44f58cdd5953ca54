package dev.storefront.users;

import dev.storefront.subgraph.testing.AbstractReadinessTest;

import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
class ReadinessTest extends AbstractReadinessTest {

    @Override
    protected String operationNeedingTheDatabase() {
        // signing in reads the throttle and the account
        return "{\"query\":\"mutation { login(email: \\\"ada@example.com\\\", password: \\\"not-her-password\\\") { __typename } }\"}";
    }
}
