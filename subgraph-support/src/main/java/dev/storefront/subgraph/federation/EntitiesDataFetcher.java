package dev.storefront.subgraph.federation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * {@code _entities(representations:)}: routes each representation to the first declared key of its
 * {@code __typename} whose fields it carries, calls each key's resolver once with everything routed
 * to it, and puts every result back at its position. Unknown types, representations that carry
 * no key, and unknown keys yield {@code null} at that position plus an error pathed to it.
 */
final class EntitiesDataFetcher implements DataFetcher<DataFetcherResult<List<Object>>> {

    /**
     * One {@code @key} of an entity type with its batched lookup.
     *
     * @param fieldSet the key's fields
     * @param resolver one result per representation, same order
     */
    record RoutedKey(KeyFieldSet fieldSet, Function<List<Map<String, Object>>, ? extends List<?>> resolver) {
    }

    /** A batch: the representations of one type routed to one of its keys. */
    private record Batch(String typeName, int keyIndex) {
    }

    private final Map<String, List<RoutedKey>> keysByType;

    /** @param keysByType every entity type's keys, in declaration order (the routing preference) */
    EntitiesDataFetcher(Map<String, List<RoutedKey>> keysByType) {
        this.keysByType = keysByType;
    }

    @Override
    public DataFetcherResult<List<Object>> get(DataFetchingEnvironment env) {
        List<Map<String, Object>> representations = env.getArgument("representations");
        Object[] results = new Object[representations.size()];
        List<GraphQLError> errors = new ArrayList<>();
        ResultPath path = env.getExecutionStepInfo().getPath();

        Map<Batch, List<Integer>> positionsByBatch = new LinkedHashMap<>();
        for (int i = 0; i < representations.size(); i++) {
            Map<String, Object> representation = representations.get(i);
            String typeName = String.valueOf(representation.get("__typename"));
            List<RoutedKey> keys = keysByType.get(typeName);
            if (keys == null) {
                errors.add(error(path.segment(i), "Type '" + typeName + "' is not an entity of this subgraph",
                        "ENTITY_NOT_FOUND"));
                continue;
            }
            int keyIndex = firstCoveredKey(keys, representation);
            if (keyIndex < 0) {
                errors.add(error(path.segment(i), typeName + " representation " + keyOf(representation)
                        + " carries none of its keys: " + keys.stream().map(k -> "\"" + k.fieldSet() + "\"")
                        .collect(Collectors.joining(", ")), "INVALID_REPRESENTATION"));
                continue;
            }
            positionsByBatch.computeIfAbsent(new Batch(typeName, keyIndex), k -> new ArrayList<>()).add(i);
        }
        positionsByBatch.forEach((batch, positions) -> {
            RoutedKey key = keysByType.get(batch.typeName()).get(batch.keyIndex());
            List<Map<String, Object>> routed = positions.stream().map(representations::get).toList();
            List<?> found;
            try {
                found = key.resolver().apply(routed);
            } catch (RuntimeException e) {
                throw new graphql.GraphQLException("Failed to resolve " + batch.typeName() + " entities", e);
            }
            for (int j = 0; j < positions.size(); j++) {
                Object entity = found != null && j < found.size() ? found.get(j) : null;
                int position = positions.get(j);
                results[position] = entity;
                if (entity == null) {
                    errors.add(error(path.segment(position),
                            batch.typeName() + " not found for key " + keyOf(routed.get(j)), "ENTITY_NOT_FOUND"));
                }
            }
        });
        return DataFetcherResult.<List<Object>>newResult()
                .data(Arrays.asList(results))
                .errors(errors)
                .build();
    }

    private static int firstCoveredKey(List<RoutedKey> keys, Map<String, Object> representation) {
        for (int k = 0; k < keys.size(); k++) {
            if (keys.get(k).fieldSet().isCoveredBy(representation)) {
                return k;
            }
        }
        return -1;
    }

    private static String keyOf(Map<String, Object> representation) {
        Map<String, Object> key = new LinkedHashMap<>(representation);
        key.remove("__typename");
        return key.toString();
    }

    private static GraphQLError error(ResultPath path, String message, String code) {
        return GraphqlErrorBuilder.newError()
                .message(message)
                .path(path)
                .extensions(Map.of("code", code))
                .build();
    }
}
