package dev.storefront.subgraph.federation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One {@code @key} of an entity type and the batched lookup behind it: {@code _entities} hands
 * {@link #resolver()} every representation of the request that it routed to this key, and
 * expects one result per representation, same order, {@code null} where none exists.
 *
 * @param fields   the key's field set, e.g. {@code sku} or {@code id region}
 * @param resolver resolves a batch of representations that all carry these fields
 * @param <T>      Java class of the entity
 */
public record EntityKey<T>(String fields, Function<List<Map<String, Object>>, List<T>> resolver) {

    public EntityKey {
        if (fields == null || fields.isBlank()) {
            throw new IllegalArgumentException("A key needs at least one field");
        }
        if (resolver == null) {
            throw new IllegalArgumentException("Key \"" + fields + "\" needs a resolver");
        }
    }
}
