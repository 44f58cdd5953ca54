package dev.storefront.gateway.supergraph;

import graphql.language.SelectionSet;

/**
 * One {@code @join__field} on a field. A join field without a graph (as composition writes for
 * fields contributed through an {@code @interfaceObject}) means no subgraph resolves the field on
 * this type directly. {@code type} is the field's type in that subgraph where it differs from the
 * supergraph's ({@code @join__field(type:)}), else null; {@code fromContext} when an argument is
 * filled from a {@code @context} ({@code contextArguments}).
 */
public record JoinField(String graph, SelectionSet requires, SelectionSet provides, boolean external,
                        String override, String overrideLabel, boolean usedOverridden, String type,
                        boolean fromContext) {
}
