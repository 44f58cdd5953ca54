package dev.storefront.gateway.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Selection merging: field lists planned for the same position (client fields, keys, requirements) made one. */
final class SelectionMerging {
    private SelectionMerging() {
    }

    /** Merges two field lists by response key, merging sub-selections. */
    static List<NormalizedField> mergeFields(List<NormalizedField> a, List<NormalizedField> b) {
        Map<String, NormalizedField> merged = new LinkedHashMap<>();
        for (NormalizedField f : a) {
            merged.put(f.responseKey(), f);
        }
        for (NormalizedField f : b) {
            NormalizedField existing = merged.get(f.responseKey());
            if (existing == null || existing.children() == null || f.children() == null) {
                merged.putIfAbsent(f.responseKey(), f);
                continue;
            }
            Map<String, List<NormalizedField>> children = new LinkedHashMap<>(existing.children());
            f.children().forEach((type, list) -> children.merge(type, list, SelectionMerging::mergeFields));
            merged.put(f.responseKey(), new NormalizedField(existing.responseKey(), existing.name(), existing.arguments(),
                    existing.typeName(), children, existing.location()));
        }
        return new ArrayList<>(merged.values());
    }
}
