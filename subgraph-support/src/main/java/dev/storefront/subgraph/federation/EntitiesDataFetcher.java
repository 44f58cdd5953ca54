package dev.storefront.subgraph.federation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.execution.ResultPath;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * {@code _entities(representations:)}: groups the representations by {@code __typename}, calls
 * each type's resolver once with its whole group, and puts every result back at its position.
 * Unknown types and keys yield {@code null} at that position plus an error pathed to it.
 */
final class EntitiesDataFetcher implements DataFetcher<DataFetcherResult<List<Object>>> {

    private final Map<String, EntityResolver<?>> resolversByType;

    EntitiesDataFetcher(Map<String, EntityResolver<?>> resolversByType) {
        this.resolversByType = resolversByType;
    }

    @Override
    public DataFetcherResult<List<Object>> get(DataFetchingEnvironment env) {
        List<Map<String, Object>> representations = env.getArgument("representations");
        Object[] results = new Object[representations.size()];
        List<GraphQLError> errors = new ArrayList<>();
        ResultPath path = env.getExecutionStepInfo().getPath();

        Map<String, List<Integer>> positionsByType = new LinkedHashMap<>();
        for (int i = 0; i < representations.size(); i++) {
            Object typeName = representations.get(i).get("__typename");
            positionsByType.computeIfAbsent(String.valueOf(typeName), k -> new ArrayList<>()).add(i);
        }
        positionsByType.forEach((typeName, positions) -> {
            EntityResolver<?> resolver = resolversByType.get(typeName);
            if (resolver == null) {
                positions.forEach(i -> errors.add(error(path.segment(i),
                        "Type '" + typeName + "' is not an entity of this subgraph")));
                return;
            }
            List<Map<String, Object>> batch = positions.stream().map(representations::get).toList();
            List<?> found;
            try {
                found = resolver.resolve(batch);
            } catch (RuntimeException e) {
                throw new graphql.GraphQLException("Failed to resolve " + typeName + " entities", e);
            }
            for (int j = 0; j < positions.size(); j++) {
                Object entity = j < found.size() ? found.get(j) : null;
                int position = positions.get(j);
                results[position] = entity;
                if (entity == null) {
                    errors.add(error(path.segment(position),
                            typeName + " not found for key " + keyOf(batch.get(j))));
                }
            }
        });
        return DataFetcherResult.<List<Object>>newResult()
                .data(Arrays.asList(results))
                .errors(errors)
                .build();
    }

    private static String keyOf(Map<String, Object> representation) {
        Map<String, Object> key = new LinkedHashMap<>(representation);
        key.remove("__typename");
        return key.toString();
    }

    private static GraphQLError error(ResultPath path, String message) {
        return GraphqlErrorBuilder.newError()
                .message(message)
                .path(path)
                .extensions(Map.of("code", "ENTITY_NOT_FOUND"))
                .build();
    }
}
