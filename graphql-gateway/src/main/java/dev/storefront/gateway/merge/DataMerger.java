package dev.storefront.gateway.merge;

import graphql.schema.GraphQLSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep-merges a subgraph result into the raw data tree. */
public final class DataMerger {
    private final GraphQLSchema apiSchema;

    public DataMerger(GraphQLSchema apiSchema) {
        this.apiSchema = apiSchema;
    }

    @SuppressWarnings("unchecked")
    public void merge(Map<String, Object> target, Map<String, Object> source) {
        for (var entry : source.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object existing = target.get(key);
            if (key.equals("__typename") && existing instanceof String known && apiSchema.getType(known) instanceof graphql.schema.GraphQLObjectType) {
                // an @interfaceObject subgraph answers with the interface name: keep the concrete type
                continue;
            }
            if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
                merge((Map<String, Object>) existingMap, (Map<String, Object>) valueMap);
            } else if (existing instanceof List<?> existingList && value instanceof List<?> valueList
                    && existingList.size() == valueList.size()) {
                mergeLists((List<Object>) existingList, (List<Object>) valueList);
            } else {
                target.put(key, copy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void mergeLists(List<Object> target, List<Object> source) {
        for (int i = 0; i < target.size(); i++) {
            Object t = target.get(i);
            Object s = source.get(i);
            if (t instanceof Map<?, ?> tm && s instanceof Map<?, ?> sm) {
                merge((Map<String, Object>) tm, (Map<String, Object>) sm);
            } else if (t instanceof List<?> tl && s instanceof List<?> sl && tl.size() == sl.size()) {
                mergeLists((List<Object>) tl, (List<Object>) sl);
            } else if (t == null) {
                target.set(i, copy(s));
            }
        }
    }

    /** Copies so that one deduplicated entity result merged into several objects is not shared. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put((String) k, copy(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(v -> result.add(copy(v)));
            return result;
        }
        return value;
    }
}
