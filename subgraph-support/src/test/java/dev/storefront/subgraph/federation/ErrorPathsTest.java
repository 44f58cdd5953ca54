package dev.storefront.subgraph.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * Errors raised by a field inside {@code _entities} (or anywhere below the root) reach the client
 * with their whole path, e.g. {@code ["_entities", 1, "drawer"]}, not Helidon 4.1.2's first
 * segment alone, and with Helidon's messages (a checked exception's text, "Server Error" for an
 * unexpected one); the {@code _entities} errors of other positions are kept beside them. Every
 * error says what kind it is in {@code extensions.code}.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
@AddBean(WidgetApi.class)
@AddBean(WidgetEntityResolver.class)
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
class ErrorPathsTest {

    private final GraphQlClient client = GraphQlClient.forRunningServer();

    @BeforeAll
    static void widgets() throws Exception {
        WidgetEntityResolver.createWidgets();
    }

    @Test
    void fieldErrorsInsideEntitiesKeepTheirPositionAndTheOtherErrors() {
        JsonObject response = client.query("query($r: [_Any!]!) { _entities(representations: $r) { ... on Widget { id drawer fragile } } }",
                Map.of("r", List.of(
                        Map.of("__typename", "Widget", "id", "w-00"),
                        Map.of("__typename", "Widget", "id", "w-12"),
                        Map.of("__typename", "Widget", "id", "w-99"),
                        Map.of("__typename", "Widget", "code", "C-02"))));
        assertThat(at(response, "data._entities").toString(), is("[{\"id\":\"w-00\",\"drawer\":\"open\",\"fragile\":\"fine\"},"
                + "{\"id\":\"w-12\",\"drawer\":null,\"fragile\":\"fine\"},null,{\"id\":\"w-02\",\"drawer\":\"open\",\"fragile\":null}]"));
        assertThat(response.toString(), at(response, "errors").asJsonArray().size(), is(3));
        assertThat(at(response, "errors.0.path").toString(), is("[\"_entities\",2]"));
        assertThat(at(response, "errors.0.message").toString(), is("\"Widget not found for key {id=w-99}\""));
        assertThat(at(response, "errors.1.path").toString(), is("[\"_entities\",1,\"drawer\"]"));
        assertThat(at(response, "errors.1.message").toString(), is("\"Access denied: shelf S-1 is locked\""));
        assertThat(at(response, "errors.2.path").toString(), is("[\"_entities\",3,\"fragile\"]"));
        assertThat(at(response, "errors.2.message").toString(), is("\"Server Error\""));
        assertThat(response.toString(), at(response, "errors.0.extensions.code").toString(), is("\"ENTITY_NOT_FOUND\""));
        assertThat(at(response, "errors.1.extensions.code").toString(), is("\"FORBIDDEN\""));
        assertThat(at(response, "errors.2.extensions.code").toString(), is("\"INTERNAL_SERVER_ERROR\""));
    }

    @Test
    void fieldErrorsBelowAQueryFieldKeepTheirPath() {
        JsonObject response = client.query("{ open: widgetProbe(id: \"p-1\", shelf: \"S-0\") { drawer }"
                + " locked: widgetProbe(id: \"p-2\", shelf: \"S-1\") { id drawer } }");
        assertThat(at(response, "data").toString(), is("{\"open\":{\"drawer\":\"open\"},\"locked\":{\"id\":\"p-2\",\"drawer\":null}}"));
        assertThat(response.toString(), at(response, "errors").asJsonArray().size(), is(1));
        assertThat(at(response, "errors.0.path").toString(), is("[\"locked\",\"drawer\"]"));
        assertThat(at(response, "errors.0.message").toString(), is("\"Access denied: shelf S-1 is locked\""));
        assertThat(at(response, "errors.0.extensions.code").toString(), is("\"FORBIDDEN\""));
    }

    @Test
    void aBadArgumentIsBadUserInputAndAnInvalidQueryFailsValidation() {
        JsonObject blankShelf = client.query("{ widgetProbe(id: \"p-3\", shelf: \" \") { id } }");
        assertThat(blankShelf.toString(), at(blankShelf, "errors.0.message").toString(), is("\"Argument 'shelf' must not be blank\""));
        assertThat(at(blankShelf, "errors.0.extensions.code").toString(), is("\"BAD_USER_INPUT\""));
        JsonObject invalid = client.query("{ noSuchField }");
        assertThat(invalid.toString(), at(invalid, "errors.0.extensions.code").toString(), is("\"GRAPHQL_VALIDATION_FAILED\""));
    }
}
