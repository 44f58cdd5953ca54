package dev.storefront.gateway.plan;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request to one subgraph: either a root fetch (query or mutation fields) or an entity fetch
 * that sends {@code _entities(representations:)} for the objects found at {@link #mergePath()}.
 */
public final class FetchNode {
    private final int id;
    private final String subgraph;
    private final List<String> mergePath;
    private final boolean entity;
    private final int group;
    final FetchSelection selection = new FetchSelection();
    /** Per representation type condition: the fields that go into each representation (key + @requires). */
    final Map<String, List<NormalizedField>> requires = new LinkedHashMap<>();
    /** Type conditions that are interfaces: representations carry the interface name as __typename. */
    final Set<String> interfaceConditions = new LinkedHashSet<>();
    final Set<FetchNode> dependsOn = new LinkedHashSet<>();
    private String operationText;
    /** Whether some field is sent under an alias of its own (the response is renamed back). */
    private boolean aliased;
    private List<String> variableNames;
    private boolean mutation;

    FetchNode(int id, String subgraph, List<String> mergePath, boolean entity, int group) {
        this.id = id;
        this.subgraph = subgraph;
        this.mergePath = List.copyOf(mergePath);
        this.entity = entity;
        this.group = group;
    }

    public int id() {
        return id;
    }

    public String subgraph() {
        return subgraph;
    }

    /** Response path of the objects this entity fetch completes; {@code @} marks list elements. */
    public List<String> mergePath() {
        return mergePath;
    }

    public boolean isEntityFetch() {
        return entity;
    }

    int group() {
        return group;
    }

    public Map<String, List<NormalizedField>> requires() {
        return requires;
    }

    public Set<String> interfaceConditions() {
        return interfaceConditions;
    }

    /** The subgraph operation text (available once the plan is complete). */
    public String operation() {
        return operationText;
    }

    /** Response keys of the fields a root fetch provides (where its failure is reported). */
    public List<String> rootResponseKeys() {
        return selection.fields.keySet().stream().filter(k -> !k.equals("__typename")).toList();
    }

    /** Whether the subgraph operation is a mutation (never sent twice). */
    public boolean isMutation() {
        return mutation;
    }

    /** Client variables this fetch forwards. */
    public List<String> variableNames() {
        return variableNames;
    }

    /**
     * Objects of {@code condition} go into this fetch's representations with {@code fields}; named
     * by the interface when {@code byInterface} (an @interfaceObject's fields, or objects whose
     * concrete type is not known yet), whatever __typename they have by then.
     */
    void represent(String condition, boolean byInterface, List<NormalizedField> fields) {
        if (byInterface) {
            interfaceConditions.add(condition);
        }
        requires.merge(condition, fields, SelectionMerging::mergeFields);
    }

    /**
     * Response keys this fetch writes into an object of {@code typename} (its top-level fields and
     * those of the type conditions that apply).
     */
    public List<String> responseKeysFor(String typename, java.util.function.BiPredicate<String, String> applies) {
        List<String> keys = new ArrayList<>();
        selection.fields.keySet().stream().filter(k -> !k.equals("__typename")).forEach(keys::add);
        selection.fragments.forEach((condition, fragment) -> {
            if (applies.test(typename, condition)) {
                fragment.fields.keySet().stream().filter(k -> !k.equals("__typename")).forEach(keys::add);
            }
        });
        return keys;
    }

    /** A subgraph's answer (root data or one entity) with the fetch's own aliases renamed back, in place. */
    public Map<String, Object> restoreAliases(Map<String, Object> answer) {
        if (aliased) {
            selection.restoreKeys(answer);
        }
        return answer;
    }

    void finish(String kind, String operationName, List<VariableDefinition> definitions, String rootType,
                java.util.function.BiFunction<String, String, String> typeOf) {
        aliased = selection.separateConflicts(entity ? "_Entity" : rootType, typeOf, new int[1]) > 0;
        Set<String> used = new LinkedHashSet<>();
        collectVariables(selection, used);
        variableNames = definitions.stream().map(VariableDefinition::getName).filter(used::contains).toList();
        mutation = kind.equals("mutation");
        StringBuilder out = new StringBuilder(kind);
        if (operationName != null) {
            out.append(' ').append(operationName).append("__").append(subgraph).append("__").append(id);
        }
        List<String> declarations = new ArrayList<>();
        if (entity) {
            declarations.add("$representations: [_Any!]!");
        }
        for (VariableDefinition d : definitions) {
            if (used.contains(d.getName())) {
                declarations.add("$" + d.getName() + ": " + AstPrinter.printAst(d.getType())
                        + (d.getDefaultValue() == null ? "" : " = " + AstPrinter.printAst(d.getDefaultValue())));
            }
        }
        if (!declarations.isEmpty()) {
            out.append('(').append(String.join(", ", declarations)).append(')');
        }
        out.append(' ');
        if (entity) {
            out.append("{_entities(representations: $representations) ");
            selection.print(out);
            out.append('}');
        } else {
            selection.print(out);
        }
        operationText = out.toString();
    }

    private static void collectVariables(FetchSelection selection, Set<String> used) {
        for (FetchSelection.FetchField f : selection.fields.values()) {
            for (Argument a : f.arguments) {
                collectVariables(a.getValue(), used);
            }
            if (f.selection != null) {
                collectVariables(f.selection, used);
            }
        }
        selection.fragments.values().forEach(s -> collectVariables(s, used));
    }

    private static void collectVariables(Value<?> value, Set<String> used) {
        switch (value) {
            case VariableReference ref -> used.add(ref.getName());
            case ArrayValue array -> array.getValues().forEach(v -> collectVariables(v, used));
            case ObjectValue object -> object.getObjectFields().forEach(f -> collectVariables(f.getValue(), used));
            default -> {
            }
        }
    }

    /** The representation shape, e.g. {@code ... on Product { __typename id }}, for plan printouts. */
    String requiresText() {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (var entry : requires.entrySet()) {
            out.append(first ? "" : " ").append("... on ").append(entry.getKey()).append(" {__typename");
            first = false;
            for (NormalizedField f : entry.getValue()) {
                out.append(' ');
                printRequirement(f, out);
            }
            out.append('}');
        }
        return out.append('}').toString();
    }

    private static void printRequirement(NormalizedField f, StringBuilder out) {
        out.append(f.name());
        if (f.children() != null) {
            out.append(" {");
            Set<String> printed = new LinkedHashSet<>();
            f.children().values().forEach(list -> list.forEach(c -> {
                if (printed.add(c.name())) {
                    out.append(printed.size() == 1 ? "" : " ");
                    printRequirement(c, out);
                }
            }));
            out.append('}');
        }
    }
}
