package dev.storefront.gateway.plan;

import graphql.language.Argument;
import graphql.language.AstComparator;
import graphql.language.AstPrinter;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** A selection set of a subgraph operation under construction: fields by response key, then inline fragments. */
public final class FetchSelection {
    /** A field in a subgraph operation; the response key equals the key its value has in the merged data. */
    public static final class FetchField {
        final String responseKey;
        final String name;
        final List<Argument> arguments;
        FetchSelection selection;
        /** The alias sent to the subgraph when it differs from {@link #responseKey} (see {@link #separateConflicts}). */
        String queryKey;

        FetchField(String responseKey, String name, List<Argument> arguments) {
            this.responseKey = responseKey;
            this.name = name;
            this.arguments = arguments;
        }

        public FetchSelection selection() {
            if (selection == null) {
                selection = new FetchSelection();
            }
            return selection;
        }
    }

    final Map<String, FetchField> fields = new LinkedHashMap<>();
    final Map<String, FetchSelection> fragments = new LinkedHashMap<>();

    /** Returns the field with this response key, adding it; the same key for a different field is a planner bug. */
    public FetchField field(String responseKey, String name, List<Argument> arguments) {
        FetchField existing = fields.get(responseKey);
        if (existing == null) {
            FetchField added = new FetchField(responseKey, name, arguments);
            fields.put(responseKey, added);
            return added;
        }
        if (!existing.name.equals(name) || !sameArguments(existing.arguments, arguments)) {
            throw new IllegalStateException("response key " + responseKey + " used for two different fields");
        }
        return existing;
    }

    /** Adds everything another selection at the same position asks for. */
    void mergeFrom(FetchSelection other) {
        for (FetchField f : other.fields.values()) {
            FetchField mine = field(f.responseKey, f.name, f.arguments);
            if (f.selection != null) {
                mine.selection().mergeFrom(f.selection);
            }
        }
        other.fragments.forEach((type, selection) -> fragment(type).mergeFrom(selection));
    }

    public FetchSelection fragment(String typeCondition) {
        return fragments.computeIfAbsent(typeCondition, t -> new FetchSelection());
    }

    boolean isEmpty() {
        return fields.isEmpty() && fragments.values().stream().allMatch(FetchSelection::isEmpty);
    }

    static boolean sameArguments(List<Argument> a, List<Argument> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!AstComparator.isEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gives a field its own alias where a sibling in another type condition uses the same response
     * key with a different type in this subgraph ({@code ... on User { id }} as {@code ID!} beside
     * {@code ... on Admin { id }} as {@code ID}): the subgraph would refuse the selections as
     * conflicting. Returns how many aliases it added; {@link #restoreKeys} maps them back.
     *
     * @param typeOf the field's type in the subgraph, by parent type and field name (null if unknown)
     */
    int separateConflicts(String parentType, BiFunction<String, String, String> typeOf, int[] counter) {
        int before = counter[0];
        separateLevel(this, () -> parentType, typeOf, counter);
        return counter[0] - before;
    }

    /**
     * One selection level: its own fields and those of its type conditions share response keys.
     * Types are only looked up where fields from two sources (the level, a fragment) could meet.
     */
    private static void separateLevel(FetchSelection level, Supplier<String> parentType,
                                      BiFunction<String, String, String> typeOf, int[] counter) {
        boolean ownFields = level.fields.keySet().stream().anyMatch(k -> !k.equals("__typename"));
        if ((ownFields ? 1 : 0) + level.fragments.size() >= 2) {
            alias(level, parentType.get(), typeOf, new HashMap<>(), counter);
        }
        recurse(level, parentType, typeOf, counter);
    }

    private static void alias(FetchSelection level, String parentType, BiFunction<String, String, String> typeOf,
                              Map<String, String> typeByKey, int[] counter) {
        for (FetchField f : level.fields.values()) {
            if (f.name.equals("__typename")) {
                continue;
            }
            String type = String.valueOf(typeOf.apply(parentType, f.name));
            String known = typeByKey.putIfAbsent(f.responseKey, type);
            if (known != null && !known.equals(type)) {
                f.queryKey = QueryPlanner.INTERNAL_ALIAS_PREFIX + (counter[0]++) + "_" + f.responseKey;
            }
        }
        level.fragments.forEach((condition, fragment) -> alias(fragment, condition, typeOf, typeByKey, counter));
    }

    private static void recurse(FetchSelection level, Supplier<String> parentType, BiFunction<String, String, String> typeOf,
                                int[] counter) {
        for (FetchField f : level.fields.values()) {
            if (f.selection != null) {
                separateLevel(f.selection, () -> namedType(typeOf.apply(parentType.get(), f.name)), typeOf, counter);
            }
        }
        level.fragments.forEach((condition, fragment) -> recurse(fragment, () -> condition, typeOf, counter));
    }

    private static String namedType(String type) {
        return type == null ? null : type.replace("[", "").replace("]", "").replace("!", "");
    }

    /** Renames the aliases {@link #separateConflicts} added back to their response keys, in place. */
    @SuppressWarnings("unchecked")
    void restoreKeys(Map<String, Object> object) {
        for (FetchField f : fields.values()) {
            if (f.queryKey != null && object.containsKey(f.queryKey)) {
                object.put(f.responseKey, object.remove(f.queryKey));
            }
            if (f.selection != null) {
                restoreKeys(object.get(f.responseKey), f.selection);
            }
        }
        fragments.values().forEach(fragment -> fragment.restoreKeys(object));
    }

    @SuppressWarnings("unchecked")
    private static void restoreKeys(Object value, FetchSelection selection) {
        if (value instanceof Map<?, ?> map) {
            selection.restoreKeys((Map<String, Object>) map);
        } else if (value instanceof List<?> list) {
            list.forEach(item -> restoreKeys(item, selection));
        }
    }

    /** Appends {@code { ... }} in GraphQL syntax. */
    void print(StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (FetchField f : fields.values()) {
            out.append(first ? "" : " ");
            first = false;
            String key = f.queryKey != null ? f.queryKey : f.responseKey;
            if (!key.equals(f.name)) {
                out.append(key).append(": ");
            }
            out.append(f.name);
            if (!f.arguments.isEmpty()) {
                out.append('(');
                for (int i = 0; i < f.arguments.size(); i++) {
                    Argument a = f.arguments.get(i);
                    out.append(i == 0 ? "" : ", ").append(a.getName()).append(": ").append(AstPrinter.printAst(a.getValue()));
                }
                out.append(')');
            }
            if (f.selection != null && !f.selection.isEmpty()) {
                out.append(' ');
                f.selection.print(out);
            }
        }
        for (var fragment : fragments.entrySet()) {
            if (fragment.getValue().isEmpty()) {
                continue;
            }
            out.append(first ? "" : " ");
            first = false;
            out.append("... on ").append(fragment.getKey()).append(' ');
            fragment.getValue().print(out);
        }
        out.append('}');
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        print(out);
        return out.toString();
    }
}
