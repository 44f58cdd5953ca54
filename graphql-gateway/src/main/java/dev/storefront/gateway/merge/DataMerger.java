package dev.storefront.gateway.merge;

import graphql.schema.GraphQLSchema;

import dev.storefront.gateway.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deep-merges a subgraph result into the raw data tree. A result merged into one place is moved
 * there (its subtrees become part of the data tree); one merged into several places (an entity
 * answered once for equal representations) is copied into all but the last.
 */
public final class DataMerger {
    private final GraphQLSchema apiSchema;

    public DataMerger(GraphQLSchema apiSchema) {
        this.apiSchema = apiSchema;
    }

    /** Merges a result this call may take over (its subtrees end up in the target). */
    public void merge(Map<String, Object> target, Map<String, Object> source) {
        merge(target, source, false);
    }

    /**
     * @param shared the source is merged elsewhere too: the target gets copies of its subtrees, and
     *               the source is left as it was
     */
    @SuppressWarnings("unchecked")
    public void merge(Map<String, Object> target, Map<String, Object> source, boolean shared) {
        for (var entry : source.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            Object existing = target.get(key);
            if (key.equals("__typename") && existing instanceof String known && apiSchema.getType(known) instanceof graphql.schema.GraphQLObjectType) {
                // an @interfaceObject subgraph answers with the interface name: keep the concrete type
                continue;
            }
            if (existing instanceof Map<?, ?> existingMap && value instanceof Map<?, ?> valueMap) {
                merge((Map<String, Object>) existingMap, (Map<String, Object>) valueMap, shared);
            } else if (existing instanceof List<?> existingList && value instanceof List<?> valueList
                    && existingList.size() == valueList.size()) {
                mergeLists((List<Object>) existingList, (List<Object>) valueList, shared);
            } else {
                target.put(key, shared ? copy(value) : value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void mergeLists(List<Object> target, List<Object> source, boolean shared) {
        for (int i = 0; i < target.size(); i++) {
            Object t = target.get(i);
            Object s = source.get(i);
            if (t instanceof Map<?, ?> tm && s instanceof Map<?, ?> sm) {
                merge((Map<String, Object>) tm, (Map<String, Object>) sm, shared);
            } else if (t instanceof List<?> tl && s instanceof List<?> sl && tl.size() == sl.size()) {
                mergeLists((List<Object>) tl, (List<Object>) sl, shared);
            } else if (t == null) {
                target.set(i, shared ? copy(s) : s);
            }
        }
    }

    /** Copies so that one deduplicated entity result merged into several objects is not shared. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            JsonObject result = new JsonObject(map.size());
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
