package dev.storefront.gateway.supergraph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progressive override labels: configured ones, and percent(x) as the spec has them. */
class OverrideLabelsTest {

    @Test
    void percentHundredAlwaysAppliesAndPercentZeroNever() {
        assertTrue(OverrideLabels.NONE.isEnabled("percent(100)"));
        assertFalse(OverrideLabels.NONE.isEnabled("percent(0)"));
        assertFalse(OverrideLabels.NONE.isEnabled("percent(40)"));
        assertFalse(OverrideLabels.NONE.isEnabled("my-label"));
        assertTrue(new OverrideLabels(Set.of("my-label")).isEnabled("my-label"));
        assertEquals(12.5, OverrideLabels.percent("percent(12.5)"));
        assertEquals(null, OverrideLabels.percent("percent(x)"));
    }

    @Test
    void percentBetweenIsRolledPerRequestInProportion() {
        SplittableRandom random = new SplittableRandom(7);
        int on = 0;
        for (int i = 0; i < 10_000; i++) {
            if (OverrideLabels.NONE.rolled(List.of("percent(30)"), random).isEnabled("percent(30)")) {
                on++;
            }
        }
        assertTrue(on > 2_700 && on < 3_300, on + " of 10000 requests");
        // nothing rolled on: the same instance (the default planner and plan cache entries)
        OverrideLabels labels = new OverrideLabels(Set.of("a"));
        assertSame(labels, labels.rolled(List.of("percent(0)"), random));
    }

    @Test
    void supergraphListsOnlyLabelsDecidedPerRequest() {
        String sdl = """
                schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/join/v0.5", for: EXECUTION) { query: Query }
                directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, type: String, external: Boolean, override: String, usedOverridden: Boolean, overrideLabel: String, contextArguments: [join__ContextArgument!]) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
                directive @join__graph(name: String!, url: String!) on ENUM_VALUE
                directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
                directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
                input join__ContextArgument { name: String! type: String! context: String! selection: join__FieldValue! }
                scalar join__FieldSet
                scalar join__FieldValue
                scalar link__Import
                enum link__Purpose { SECURITY EXECUTION }
                enum join__Graph { A @join__graph(name: "a", url: "http://a") B @join__graph(name: "b", url: "http://b") }
                type Query @join__type(graph: A) @join__type(graph: B) {
                  x: Int @join__field(graph: A, overrideLabel: "percent(50)") @join__field(graph: B, override: "a", overrideLabel: "percent(50)")
                  y: Int @join__field(graph: A, overrideLabel: "percent(100)") @join__field(graph: B, override: "a", overrideLabel: "percent(100)")
                  z: Int @join__field(graph: A, overrideLabel: "custom") @join__field(graph: B, override: "a", overrideLabel: "custom")
                }
                """;
        assertEquals(Set.of("percent(50)"), Supergraph.parse(sdl).rolledOverrideLabels());
    }
}
