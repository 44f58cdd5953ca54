package dev.storefront.gateway.plan;

import dev.storefront.gateway.supergraph.Supergraph;
import graphql.language.Argument;
import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLObjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field sets ({@code @key}, {@code @requires}) as fields to fetch, and the type relations they
 * are read with. Types come from the supergraph, hidden ({@code @inaccessible}) ones included.
 */
final class FieldSets {
    private final Supergraph supergraph;

    FieldSets(Supergraph supergraph) {
        this.supergraph = supergraph;
    }

    /**
     * Turns a field set into fields to fetch at a position. Each field keeps its name as response
     * key unless the client uses that key for something else, then it gets an internal alias.
     */
    List<NormalizedField> requirementFields(SelectionSet fieldSet, String type, List<NormalizedField> clientFields) {
        List<NormalizedField> result = new ArrayList<>();
        for (Selection<?> selection : fieldSet.getSelections()) {
            if (selection instanceof InlineFragment inline) {
                if (inline.getTypeCondition() == null || implementsOrMember(type, inline.getTypeCondition().getName())) {
                    result = SelectionMerging.mergeFields(result, requirementFields(inline.getSelectionSet(), type, clientFields));
                }
                continue;
            }
            Field field = (Field) selection;
            String name = field.getName();
            List<Argument> arguments = field.getArguments();
            NormalizedField clientField = clientFields.stream().filter(c -> c.responseKey().equals(name)).findFirst().orElse(null);
            boolean shareable = clientField == null ? arguments.isEmpty()
                    : clientField.name().equals(name) && FetchSelection.sameArguments(clientField.arguments(), arguments);
            // a field set's field with arguments gets a key of its own (two field sets may ask for price(currency:) twice)
            String responseKey = shareable ? name : QueryPlanner.INTERNAL_ALIAS_PREFIX + name
                    + (arguments.isEmpty() ? "" : "_" + Integer.toHexString(AstPrinter.printAstCompact(field).hashCode()));
            Map<String, List<NormalizedField>> children = null;
            String typeName = name.equals("__typename") ? "String" : supergraph.fieldTypeName(type, name);
            if (typeName == null) {
                throw new PlanningException("Field set refers to unknown field " + type + "." + name);
            }
            if (field.getSelectionSet() != null) {
                children = new LinkedHashMap<>();
                for (String concrete : possibleTypes(typeName)) {
                    List<NormalizedField> clientChildren = shareable && clientField != null && clientField.children() != null
                            ? clientField.children().getOrDefault(concrete, List.of()) : List.of();
                    children.put(concrete, requirementFields(field.getSelectionSet(), concrete, clientChildren));
                }
            }
            result.add(new NormalizedField(responseKey, name, arguments, typeName, children, null));
        }
        return result;
    }

    /** Concrete types of a field set's field, hidden ({@code @inaccessible}) ones included: subgraphs have them. */
    List<String> possibleTypes(String typeName) {
        return supergraph.isAbstract(typeName) ? supergraph.possibleTypes(typeName) : List.of(typeName);
    }

    List<String> interfacesOf(String type) {
        GraphQLObjectType object = supergraph.apiSchema().getType(type) instanceof GraphQLObjectType o ? o : null;
        return object == null ? List.of() : object.getInterfaces().stream().map(i -> i.getName()).toList();
    }

    boolean implementsOrMember(String concrete, String condition) {
        return concrete.equals(condition) || possibleTypes(condition).contains(concrete);
    }
}
