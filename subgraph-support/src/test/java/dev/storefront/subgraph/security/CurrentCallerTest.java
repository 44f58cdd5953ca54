package dev.storefront.subgraph.security;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * The whole path a subgraph relies on, over real HTTP: the request filter puts the request into
 * Helidon's context, a {@code @GraphQLApi} method asks {@link CurrentCaller}, the token is
 * verified against a JWKS fetched over HTTP, and refusals reach the client as errors at the
 * field's path with a readable message and no data.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
@AddBean(CallerProbeApi.class)
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
class CurrentCallerTest {

    private final GraphQlClient anonymous = GraphQlClient.forRunningServer();

    @Test
    void aValidTokenIdentifiesTheCallerAndTheirRoles() {
        JsonObject response = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER")).query("{ whoAmI greeting }");
        assertThat(string(response, "data.whoAmI"), is("user-1 [CUSTOMER]"));
        assertThat(string(response, "data.greeting"), is("hello user-1"));
        assertThat(response.containsKey("errors"), is(false));
    }

    @Test
    void anonymousCallersGetPublicFieldsOnly() {
        JsonObject response = anonymous.query("{ greeting whoAmI }");
        assertThat(string(response, "data.greeting"), is("hello stranger"));
        assertRefused(response, "whoAmI", "Not authenticated: sign in and send 'Authorization: Bearer <token>'");
    }

    @Test
    void expiredForgedAndMisaddressedTokensAreRefused() {
        assertRefused(anonymous.withBearer(TestTokenIssuer.expiredToken("user-1", "CUSTOMER")).query("{ whoAmI }"),
                "whoAmI", "Not authenticated: The token has expired; sign in again");
        assertRefused(anonymous.withBearer(TestTokenIssuer.tokenSignedByAnotherKey("user-1", "ADMIN")).query("{ whoAmI }"),
                "whoAmI", "Not authenticated: The token's signature is not from a trusted key");
        assertRefused(anonymous.withBearer(TestTokenIssuer.tokenForAudience("another-app", "user-1", "CUSTOMER")).query("{ whoAmI }"),
                "whoAmI", "Not authenticated: The token was issued for another audience");
        assertRefused(anonymous.withBearer("not.a.jwt").query("{ whoAmI }"),
                "whoAmI", "Not authenticated: The token is not a well-formed signed JWT");
        assertRefused(anonymous.withHeader("Authorization", "Basic dXNlcjpwYXNz").query("{ whoAmI }"),
                "whoAmI", "Not authenticated: the Authorization header must be 'Bearer <token>'");
    }

    @Test
    void aBadTokenIsAnErrorEvenWhereAnonymousCallersAreWelcome() {
        JsonObject response = anonymous.withBearer(TestTokenIssuer.expiredToken("user-1", "CUSTOMER")).query("{ greeting }");
        assertThat(at(response, "data"), is(JsonValue.NULL));
        assertThat(string(response, "errors.0.message"), is("Not authenticated: The token has expired; sign in again"));
    }

    @Test
    void rolesAndOwnershipAreEnforced() {
        GraphQlClient customer = anonymous.withBearer(TestTokenIssuer.token("user-1", "CUSTOMER"));
        GraphQlClient admin = anonymous.withBearer(TestTokenIssuer.token("user-5", "ADMIN"));

        assertRefused(customer.query("{ adminSecret }"), "adminSecret", "Access denied: this operation requires the ADMIN role");
        assertThat(string(admin.query("{ adminSecret }"), "data.adminSecret"), is("secret for user-5"));

        assertThat(string(customer.query("{ privateNote(ownerId: \"user-1\") }"), "data.privateNote"), is("note of user-1 read by user-1"));
        assertRefused(customer.query("{ privateNote(ownerId: \"user-2\") }"), "privateNote", "Access denied: this belongs to another account");
        assertThat(string(admin.query("{ privateNote(ownerId: \"user-2\") }"), "data.privateNote"), is("note of user-2 read by user-5"));
    }

    @Test
    void theKeySetIsFetchedOnceAndCached() {
        int before = TestTokenIssuer.jwksFetches();
        for (int i = 0; i < 5; i++) {
            anonymous.withBearer(TestTokenIssuer.token("user-" + i, "CUSTOMER")).query("{ whoAmI }");
        }
        assertThat(TestTokenIssuer.jwksFetches() - before <= 1, is(true));
    }

    private static void assertRefused(JsonObject response, String field, String message) {
        assertThat(response.toString(), at(response, "data." + field), is(JsonValue.NULL));
        assertThat(string(response, "errors.0.message"), is(message));
        assertThat(at(response, "errors.0.path").toString(), is("[\"" + field + "\"]"));
        // the kind of refusal, for clients (and through the gateway) to act on without reading messages
        assertThat(string(response, "errors.0.extensions.code"), is(message.startsWith("Access denied") ? "FORBIDDEN" : "UNAUTHENTICATED"));
    }
}
