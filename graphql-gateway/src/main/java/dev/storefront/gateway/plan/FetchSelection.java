package dev.storefront.gateway.plan;

import graphql.language.Argument;
import graphql.language.AstComparator;
import graphql.language.AstPrinter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A selection set of a subgraph operation under construction: fields by response key, then inline fragments. */
public final class FetchSelection {
    /** A field in a subgraph operation; the response key equals the key its value has in the merged data. */
    public static final class FetchField {
        final String responseKey;
        final String name;
        final List<Argument> arguments;
        FetchSelection selection;

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

    private static boolean sameArguments(List<Argument> a, List<Argument> b) {
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

    /** Appends {@code { ... }} in GraphQL syntax. */
    void print(StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (FetchField f : fields.values()) {
            out.append(first ? "" : " ");
            first = false;
            if (!f.responseKey.equals(f.name)) {
                out.append(f.responseKey).append(": ");
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
