package dev.storefront.users;

import java.util.Map;

import dev.storefront.subgraph.testing.GraphQlClient;

import jakarta.json.JsonObject;

import static dev.storefront.subgraph.testing.GraphQlClient.string;

/** Signing in from tests, with the accounts the test configuration and the demo data provide. */
final class Sessions {

    /** Password of the demo customers user-1..user-4 (migration V3, development only). */
    static final String DEMO_PASSWORD = "storefront-demo";
    /** The demo administrator (user-5); the test configuration gives it its initial password. */
    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "test-only-passphrase-7";

    static final String LOGIN = "mutation($email: String!, $password: String!) { login(email: $email, password: $password) {"
            + " token expiresAt user { id email role } userErrors { field code message } } }";

    private Sessions() {
    }

    static JsonObject login(GraphQlClient client, String email, String password) {
        return client.query(LOGIN, Map.of("email", email, "password", password));
    }

    static JsonObject register(GraphQlClient client, String email, String password) {
        return client.query("mutation($input: RegisterInput!) { register(input: $input) { token userErrors { code } } }",
                Map.of("input", Map.of("email", email, "password", password, "name", "Test Shopper")));
    }

    static String token(GraphQlClient client, String email, String password) {
        JsonObject response = login(client, email, password);
        String token = string(response, "data.login.token");
        if (token == null) {
            throw new AssertionError("Login of " + email + " failed: " + response);
        }
        return token;
    }

    static GraphQlClient admin(GraphQlClient client) {
        return client.withBearer(token(client, ADMIN_EMAIL, ADMIN_PASSWORD));
    }

    static GraphQlClient customer(GraphQlClient client, String email) {
        return client.withBearer(token(client, email, DEMO_PASSWORD));
    }
}
