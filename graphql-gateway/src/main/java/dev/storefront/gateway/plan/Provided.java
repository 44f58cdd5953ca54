package dev.storefront.gateway.plan;

import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fields a subgraph returns along with a field because of {@code @provides}. */
final class Provided {
    private final Map<String, List<SelectionSet>> fields = new LinkedHashMap<>();
    private final SelectionSet source;

    Provided(SelectionSet source) {
        this.source = source;
    }

    private Provided() {
        this.source = null;
    }

    Provided forType(String concrete, java.util.function.BiPredicate<String, String> applies) {
        Provided result = new Provided();
        collect(source, concrete, applies, result.fields);
        return result;
    }

    private static void collect(SelectionSet set, String concrete, java.util.function.BiPredicate<String, String> applies,
                                Map<String, List<SelectionSet>> into) {
        if (set == null) {
            return;
        }
        for (Selection<?> s : set.getSelections()) {
            if (s instanceof Field f) {
                List<SelectionSet> children = into.computeIfAbsent(f.getName(), n -> new ArrayList<>());
                if (f.getSelectionSet() != null) {
                    children.add(f.getSelectionSet());
                }
            } else if (s instanceof InlineFragment i && (i.getTypeCondition() == null
                    || applies.test(concrete, i.getTypeCondition().getName()))) {
                collect(i.getSelectionSet(), concrete, applies, into);
            }
        }
    }

    boolean has(String field) {
        if (source != null && fields.isEmpty()) {
            // not yet narrowed to a concrete type: only direct fields count
            return source.getSelections().stream().anyMatch(s -> s instanceof Field f && f.getName().equals(field));
        }
        return fields.containsKey(field);
    }

    Provided child(String field) {
        List<SelectionSet> sets = fields.getOrDefault(field, List.of());
        if (sets.isEmpty() && source != null) {
            sets = source.getSelections().stream().filter(s -> s instanceof Field f && f.getName().equals(field))
                    .map(s -> ((Field) s).getSelectionSet()).filter(x -> x != null).toList();
        }
        if (sets.isEmpty()) {
            return null;
        }
        List<Selection> merged = new ArrayList<>();
        sets.forEach(s -> merged.addAll(s.getSelections()));
        return new Provided(SelectionSet.newSelectionSet(merged).build());
    }
}
