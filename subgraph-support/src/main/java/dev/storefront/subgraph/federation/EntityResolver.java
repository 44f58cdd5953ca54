package dev.storefront.subgraph.federation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.storefront.subgraph.types.Ids;

/**
 * Resolves entity representations sent by the gateway in {@code _entities} for one type. A
 * subgraph declares one CDI bean per entity type it can resolve. The type has the key
 * {@link #keyFields()}, resolved by {@link #resolve}, and may have more ({@link #additionalKeys()}):
 * each representation goes to the first declared key whose fields it carries, and each key's
 * lookup is called once per request with every representation routed to it, so an
 * implementation answers a whole batch with one query per key.
 *
 * @param <T> Java class of the entity (the class MP GraphQL maps to {@link #typeName()})
 */
public interface EntityResolver<T> {

    /** @return GraphQL type name of the entity, e.g. {@code Product} */
    String typeName();

    /** @return the first {@code @key} field set, e.g. {@code id}, resolved by {@link #resolve} */
    default String keyFields() {
        return "id";
    }

    /**
     * Resolve a batch of representations by the first key.
     *
     * @param representations representations ({@code __typename} plus the fields of {@link #keyFields()}), in request order
     * @return one result per representation, same order, {@code null} where none exists
     */
    List<T> resolve(List<Map<String, Object>> representations);

    /**
     * Further keys of the type, in the order they are declared after {@link #keyFields()}, e.g. a
     * product also referenced by its SKU: {@code List.of(new EntityKey<>("sku", this::resolveBySku))}.
     * The subgraph SDL carries one {@code @key} per key.
     *
     * @return additional keys, each with its own batched lookup; none by default
     */
    default List<EntityKey<T>> additionalKeys() {
        return List.of();
    }

    /** @return every key in declaration order: {@link #keyFields()} first, then {@link #additionalKeys()} */
    default List<EntityKey<T>> keys() {
        List<EntityKey<T>> keys = new ArrayList<>();
        keys.add(new EntityKey<>(keyFields(), this::resolve));
        keys.addAll(additionalKeys());
        return List.copyOf(keys);
    }

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
        return resolveByField(representations, "id", id -> Ids.isValid(id) ? (String) id : null, findByIds);
    }

    /**
     * Resolution by a key of one scalar field (an {@code id}, a {@code sku}): the well-formed
     * values of the batch are looked up with one call, and each representation gets its entity
     * back at its position ({@code null} for a malformed or unknown value).
     *
     * @param representations representations of the batch, in request order
     * @param field           the key field
     * @param canonical       the value as looked up (e.g. upper-cased), or {@code null} when malformed
     * @param findByValues    looks up distinct canonical values at once; returns entities by canonical value
     * @param <T>             entity class
     * @return one result per representation, same order
     */
    static <T> List<T> resolveByField(List<Map<String, Object>> representations,
                                      String field,
                                      Function<Object, String> canonical,
                                      Function<List<String>, Map<String, T>> findByValues) {
        List<String> values = representations.stream()
                .map(r -> r.get(field))
                .map(v -> v == null ? null : canonical.apply(v))
                .toList();
        List<String> distinct = values.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, T> found = distinct.isEmpty() ? Map.of() : findByValues.apply(distinct);
        return values.stream().map(v -> v == null ? null : found.get(v)).toList();
    }
}
