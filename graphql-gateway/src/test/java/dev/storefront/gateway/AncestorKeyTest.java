package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A field no route reaches from where it is asked is fetched again from an enclosing object, by a
 * key the ancestor's subgraph can actually supply. The {@code ancestorkey} fixture is fuzz seed
 * 980019: under alpha's {@code E0.l3} (alpha knows E2 by code only) the operation asks
 * {@code l14 { f10 }}; f10 is beta's, by beta's key id, and only beta resolves E2.id. Looking for
 * id from an enclosing object, the planner took the nearest (alpha's E2 at l3) with beta's id key,
 * the very field being looked for, and failed on that cycle (QUERY_PLANNING_FAILED) although the E0
 * above reaches beta by code. Hive Router plans it; the fuzzer's model agrees with Hive.
 */
class AncestorKeyTest {
    private static final Gateway GATEWAY = Gateway.builder(
            Supergraph.parse(FixtureSubgraph.resource("supergraphs/ancestorkey.graphql")),
            new SubgraphClient(Duration.ofSeconds(1), Map.of())).build();

    @Test
    void anAncestorWhoseKeyTheSubgraphCannotSupplyIsPassedForOneFurtherUp() {
        String plan = GATEWAY.plan("{ q2(id: \"E0:4\") { o6(x: 4) { l1 { l3 { l14 { f10 } } } } } }", null, Map.of()).print();
        // E2.id is beta's key and nothing else resolves it: it comes from the E0 further up (beta by
        // code, then l3 and l14 again there, merged by position), then f10 from beta by id
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "beta") {
                      query {q2(id: "E0:4") {__typename code}}
                    },
                    Flatten(path: "q2") {
                      Fetch(service: "alpha") {
                        {... on E0 {__typename code}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on E0 {o6(x: 4) {__typename l1 {__typename l3 {__typename l14 {__typename}} code}}}}}
                      },
                    },
                    Flatten(path: "q2.o6.l1.@") {
                      Fetch(service: "beta") {
                        {... on E0 {__typename code}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on E0 {l3 {__typename l14 {__typename id}}}}}
                      },
                    },
                    Flatten(path: "q2.o6.l1.@.l3.@.l14.@") {
                      Fetch(service: "beta") {
                        {... on E2 {__typename id}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {f10}}}
                      },
                    },
                  },
                }""", plan);
    }
}
