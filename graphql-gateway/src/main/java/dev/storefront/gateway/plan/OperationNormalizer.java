package dev.storefront.gateway.plan;

import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import graphql.introspection.Introspection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Normalizes a validated operation: collects fields per concrete type (the spec's CollectFields),
 * expanding named and inline fragments and applying {@code @skip}/{@code @include} with the
 * request's variable values.
 */
public final class OperationNormalizer {
    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;

    private OperationNormalizer(GraphQLSchema schema, Document document, Map<String, Object> variables) {
        this.schema = schema;
        this.fragments = new LinkedHashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        this.variables = variables;
    }

    public static NormalizedOperation normalize(GraphQLSchema schema, Document document, OperationDefinition operation,
                                                Map<String, Object> variables) {
        OperationNormalizer normalizer = new OperationNormalizer(schema, document, variables);
        GraphQLObjectType root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> throw new PlanningException("Subscriptions are not supported by this gateway");
        };
        List<NormalizedField> fields = normalizer.collect(root, List.of(operation.getSelectionSet()));
        return new NormalizedOperation(operation.getOperation(), operation.getName(), root.getName(), fields,
                operation.getVariableDefinitions());
    }

    /**
     * Values of the variables that decide {@code @skip}/{@code @include}: they change the plan, so
     * they are part of the plan cache key.
     */
    public static Map<String, Object> conditionValues(Document document, Map<String, Object> variables) {
        Map<String, Object> result = new TreeMap<>();
        new graphql.language.NodeTraverser().depthFirst(new graphql.language.NodeVisitorStub() {
            @Override
            public graphql.util.TraversalControl visitDirective(Directive node,
                                                                graphql.util.TraverserContext<graphql.language.Node> context) {
                if (node.getName().equals("skip") || node.getName().equals("include")) {
                    var arg = node.getArgument("if");
                    if (arg != null && arg.getValue() instanceof VariableReference ref) {
                        result.put(ref.getName(), variables.get(ref.getName()));
                    }
                }
                return graphql.util.TraversalControl.CONTINUE;
            }
        }, document.getDefinitions());
        return result;
    }

    private List<NormalizedField> collect(GraphQLObjectType type, List<SelectionSet> selectionSets) {
        Map<String, List<Field>> grouped = new LinkedHashMap<>();
        for (SelectionSet set : selectionSets) {
            collectInto(type, set, grouped, new LinkedHashSet<>());
        }
        List<NormalizedField> result = new ArrayList<>();
        for (var entry : grouped.entrySet()) {
            Field first = entry.getValue().getFirst();
            String name = first.getName();
            if (name.equals("__typename")) {
                result.add(new NormalizedField(entry.getKey(), name, List.of(), "String", null, first.getSourceLocation()));
                continue;
            }
            GraphQLFieldDefinition definition = fieldDefinition(type, name);
            GraphQLType named = GraphQLTypeUtil.unwrapAll(definition.getType());
            Map<String, List<NormalizedField>> children = null;
            if (named instanceof GraphQLCompositeType composite && !first.getName().startsWith("__")) {
                List<SelectionSet> sub = entry.getValue().stream().map(Field::getSelectionSet)
                        .filter(s -> s != null).toList();
                children = new LinkedHashMap<>();
                for (GraphQLObjectType possible : possibleTypes(composite)) {
                    children.put(possible.getName(), collect(possible, sub));
                }
            }
            result.add(new NormalizedField(entry.getKey(), name, first.getArguments(), ((GraphQLNamedType) named).getName(),
                    children, first.getSourceLocation()));
        }
        return result;
    }

    private GraphQLFieldDefinition fieldDefinition(GraphQLFieldsContainer type, String name) {
        return switch (name) {
            case "__schema" -> Introspection.SchemaMetaFieldDef;
            case "__type" -> Introspection.TypeMetaFieldDef;
            default -> {
                GraphQLFieldDefinition definition = type.getFieldDefinition(name);
                if (definition == null) {
                    throw new PlanningException("Cannot query field \"" + name + "\" on type \"" + type.getName() + "\"");
                }
                yield definition;
            }
        };
    }

    public List<GraphQLObjectType> possibleTypes(GraphQLCompositeType type) {
        return switch (type) {
            case GraphQLObjectType o -> List.of(o);
            case GraphQLInterfaceType i -> schema.getImplementations(i);
            case GraphQLUnionType u -> u.getTypes().stream().map(GraphQLObjectType.class::cast).toList();
            default -> List.of();
        };
    }

    private void collectInto(GraphQLObjectType type, SelectionSet set, Map<String, List<Field>> grouped,
                             Set<String> visitedFragments) {
        for (Selection<?> selection : set.getSelections()) {
            if (!included((DirectivesContainer<?>) selection)) {
                continue;
            }
            switch (selection) {
                case Field field -> grouped.computeIfAbsent(field.getResultKey(), k -> new ArrayList<>()).add(field);
                case InlineFragment inline -> {
                    if (inline.getTypeCondition() == null || applies(inline.getTypeCondition().getName(), type)) {
                        collectInto(type, inline.getSelectionSet(), grouped, visitedFragments);
                    }
                }
                case FragmentSpread spread -> {
                    FragmentDefinition definition = fragments.get(spread.getName());
                    if (definition != null && visitedFragments.add(spread.getName())
                            && applies(definition.getTypeCondition().getName(), type)) {
                        collectInto(type, definition.getSelectionSet(), grouped, visitedFragments);
                    }
                }
                default -> {
                }
            }
        }
    }

    private boolean applies(String condition, GraphQLObjectType type) {
        if (condition.equals(type.getName())) {
            return true;
        }
        GraphQLType conditionType = schema.getType(condition);
        return conditionType instanceof GraphQLCompositeType composite && possibleTypes(composite).contains(type);
    }

    private boolean included(DirectivesContainer<?> node) {
        for (Directive d : node.getDirectives()) {
            if (d.getName().equals("skip") && truthy(d) || d.getName().equals("include") && !truthy(d)) {
                return false;
            }
        }
        return true;
    }

    private boolean truthy(Directive d) {
        var arg = d.getArgument("if");
        Value<?> value = arg == null ? null : arg.getValue();
        if (value instanceof BooleanValue b) {
            return b.isValue();
        }
        if (value instanceof VariableReference ref) {
            return Boolean.TRUE.equals(variables.get(ref.getName()));
        }
        return false;
    }
}
