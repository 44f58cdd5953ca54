package dev.storefront.subgraph.federation;

import dev.storefront.subgraph.security.CallerProbeApi;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.subgraph.testing.TestTokenIssuer;

import io.helidon.microprofile.testing.junit5.AddBean;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * Over real HTTP: a query text is parsed and validated once, later requests with the same text
 * (and other variables or callers) reuse it, and an invalid query is refused every time without
 * taking a place in the cache.
 */
@ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})
@HelidonTest
@AddBean(CallerProbeApi.class)
@AddConfig(key = "server.port", value = "-1")
@AddConfig(key = "tracing.enabled", value = "false")
class ParsedQueryCacheTest {

    private final GraphQlClient client = GraphQlClient.forRunningServer();

    @Test
    void aQueryTextIsParsedAndValidatedOnce() {
        FederatedGraphQlExtension federation = CDI.current().getBeanManager().getExtension(FederatedGraphQlExtension.class);
        String query = "query Note($owner: String!) { privateNote(ownerId: $owner) greeting }";
        long misses = federation.parsedQueryMisses();
        long hits = federation.parsedQueryHits();

        for (int i = 1; i <= 5; i++) {
            String user = "user-" + i;
            JsonObject response = client.withBearer(TestTokenIssuer.token(user, "CUSTOMER"))
                    .query(query, java.util.Map.of("owner", user));
            assertThat(string(response, "data.privateNote"), is("note of " + user + " read by " + user));
        }
        assertThat(federation.parsedQueryMisses() - misses, is(1L));
        assertThat(federation.parsedQueryHits() - hits, is(4L));
    }

    @Test
    void anInvalidQueryIsRefusedEachTimeAndNotKept() {
        FederatedGraphQlExtension federation = CDI.current().getBeanManager().getExtension(FederatedGraphQlExtension.class);
        long misses = federation.parsedQueryMisses();
        for (int i = 0; i < 3; i++) {
            JsonObject response = client.query("{ greeting noSuchField }");
            assertThat(string(response, "errors.0.message"), containsString("noSuchField"));
        }
        assertThat(federation.parsedQueryMisses() - misses, is(3L));
    }
}
