package dev.storefront.subgraph.federation;

import java.util.List;
import java.util.Map;

/**
 * Resolves entity representations sent by the gateway in {@code _entities} for one type. A
 * subgraph declares one CDI bean per entity type it can resolve; each bean is called once per
 * request with every representation of its type, so an implementation answers a whole batch
 * with one query.
 *
 * @param <T> Java class of the entity (the class MP GraphQL maps to {@link #typeName()})
 */
public interface EntityResolver<T> {

    /** @return GraphQL type name of the entity, e.g. {@code Product} */
    String typeName();

    /** @return the {@code @key} field set, e.g. {@code id} */
    default String keyFields() {
        return "id";
    }

    /**
     * Resolve a batch of representations.
     *
     * @param representations representations ({@code __typename} plus key fields), in request order
     * @return one result per representation, same order, {@code null} where none exists
     */
    List<T> resolve(List<Map<String, Object>> representations);
}
