package dev.storefront.subgraph.federation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.storefront.subgraph.types.Ids;

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

    /**
     * The usual resolution by an {@code id} key: the well-formed ids of the batch are looked up
     * with one call, and each representation gets its entity back at its position ({@code null}
     * for a malformed or unknown id).
     *
     * @param representations representations of the batch, in request order
     * @param findByIds       looks up distinct, well-formed ids at once; returns entities by id
     * @param <T>             entity class
     * @return one result per representation, same order
     */
    static <T> List<T> resolveByIds(List<Map<String, Object>> representations,
                                    Function<List<String>, Map<String, T>> findByIds) {
        List<Object> ids = representations.stream().map(r -> r.get("id")).toList();
        Map<String, T> found = findByIds.apply(ids.stream().filter(Ids::isValid).map(String.class::cast).distinct().toList());
        return ids.stream().map(id -> Ids.isValid(id) ? found.get((String) id) : null).toList();
    }
}
