package dev.storefront.gateway;

import dev.storefront.gateway.execution.SubgraphClient;
import dev.storefront.gateway.fixtures.FixtureSubgraph;
import dev.storefront.gateway.supergraph.Supergraph;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Choosing between subgraphs that resolve a field: one whose objects cannot lead on to the fields
 * asked below it is passed over. The {@code leadon} fixture is fuzz seed 920372: E2.o14 is resolved
 * by beta (E2 known by id) and gamma (E2 known by code only, no id); below o14 the operation asks
 * for id and for r15, which beta computes from fields that require id. From gamma's E2 there is
 * no way to id, so planning through gamma failed with a key cycle where a plan through beta exists.
 * A dead end further down is found by planning the subtree below each candidate on trial.
 */
class SubgraphChoiceTest {
    private static final Gateway GATEWAY = Gateway.builder(
            Supergraph.parse(FixtureSubgraph.resource("supergraphs/leadon.graphql")),
            new SubgraphClient(Duration.ofSeconds(1), Map.of())).build();

    @Test
    void aSubgraphThatCannotLeadOnToTheFieldsBelowIsPassedOver() {
        String plan = GATEWAY.plan("{ q1 { f13 o14 { id o14 { a0: r15 } } } }", null, Map.of()).print();
        // o14 from beta, whose E2 has id; the last E2's r15 inputs from gamma by code, then r15 from beta
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "delta") {
                      query {q1 {__typename code id}}
                    },
                    Parallel {
                      Flatten(path: "q1") {
                        Fetch(service: "gamma") {
                          {... on E2 {__typename code}} =>
                          query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {f13}}}
                        },
                      },
                      Sequence {
                        Flatten(path: "q1") {
                          Fetch(service: "beta") {
                            {... on E2 {__typename id}} =>
                            query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {o14 {__typename id o14 {__typename id code}}}}}
                          },
                        },
                        Flatten(path: "q1.o14.o14") {
                          Fetch(service: "gamma") {
                            {... on E2 {__typename code}} =>
                            query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {f13 l10 {__typename b2 f1}}}}
                          },
                        },
                        Flatten(path: "q1.o14.o14") {
                          Fetch(service: "beta") {
                            {... on E2 {__typename id f13 l10 {b2 f1}}} =>
                            query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {a0: r15}}}
                          },
                        },
                      },
                    },
                  },
                }""", plan);
    }

    @Test
    void aSubgraphWhoseObjectsDeadEndTwoLevelsDownIsPassedOver() {
        // gamma answers o14 and o14 again, but its E2 has no id and no way to one: the dead end is two
        // levels below the choice, where the one-level lookahead does not see it (a planning error
        // before); the whole subtree planned on trial sends o14 to beta, which has id all the way down
        String plan = GATEWAY.plan("{ q1 { f13 o14 { o14 { id } } } }", null, Map.of()).print();
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "delta") {
                      query {q1 {__typename code id}}
                    },
                    Parallel {
                      Flatten(path: "q1") {
                        Fetch(service: "gamma") {
                          {... on E2 {__typename code}} =>
                          query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {f13}}}
                        },
                      },
                      Flatten(path: "q1") {
                        Fetch(service: "beta") {
                          {... on E2 {__typename id}} =>
                          query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {o14 {__typename o14 {__typename id}}}}}
                        },
                      },
                    },
                  },
                }""", plan);
    }

    @Test
    void whereEverySubgraphPlansTheSubtreeTheChoiceStaysTheCheapOne() {
        // no dead end below: o14 stays in gamma, already called at q1 for f13 (one fetch fewer)
        String plan = GATEWAY.plan("{ q1 { f13 o14 { f13 } } }", null, Map.of()).print();
        assertEquals("""
                QueryPlan {
                  Sequence {
                    Fetch(service: "delta") {
                      query {q1 {__typename code}}
                    },
                    Flatten(path: "q1") {
                      Fetch(service: "gamma") {
                        {... on E2 {__typename code}} =>
                        query($representations: [_Any!]!) {_entities(representations: $representations) {... on E2 {f13 o14 {__typename f13}}}}
                      },
                    },
                  },
                }""", plan);
    }
}
