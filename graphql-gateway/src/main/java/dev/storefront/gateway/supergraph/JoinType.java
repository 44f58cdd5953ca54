package dev.storefront.gateway.supergraph;

import graphql.language.SelectionSet;

/**
 * One {@code @join__type} on a type: the subgraph defines the type, maybe as an entity with a key.
 *
 * @param graph subgraph name
 * @param key the key field set, null when this entry declares no key
 * @param extension the subgraph extends the type rather than defining it
 * @param resolvable false for stub entities ({@code @key(resolvable: false)}): no {@code _entities} there
 * @param interfaceObject the subgraph sees this interface as an object type ({@code @interfaceObject})
 */
public record JoinType(String graph, SelectionSet key, String keyText, boolean extension, boolean resolvable,
                       boolean interfaceObject) {
}
