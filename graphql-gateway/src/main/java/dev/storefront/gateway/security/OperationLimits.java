package dev.storefront.gateway.security;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnmodifiedType;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Static limits on an operation, checked right after parsing (before validation, whose overlap
 * check is quadratic in the number of fields an alias bomb brings).
 * <p>
 * Cost: every field costs 1. A field with a {@code first}, {@code last} or {@code limit} argument
 * multiplies the cost of its selection by that value; a list field without one by
 * {@link #defaultListSize()}. The list fields directly inside a sized field that is not a list
 * itself (a connection's {@code edges}/{@code nodes}) are not multiplied again. Every branch of an
 * abstract selection is added (an upper bound). Sizes below 1 count as 1, so the cost is never
 * smaller than the number of fields walked: stopping the walk once that number exceeds the limit
 * bounds the work spent on fragment fan-outs. Introspection ({@code __schema}, {@code __type})
 * is not multiplied and not counted for depth: it is bounded by the schema and can be switched off.
 *
 * @param maxDepth      deepest allowed field nesting ({@code { a { b } }} has depth 2)
 * @param maxAliases    aliased fields allowed in the operation, fragments included
 * @param maxCost       highest allowed static cost
 * @param defaultListSize multiplier for list fields without a size argument
 * @param introspection whether {@code __schema} and {@code __type} may be queried
 */
public record OperationLimits(int maxDepth, int maxAliases, long maxCost, int defaultListSize, boolean introspection) {
    private static final Set<String> SIZE_ARGUMENTS = Set.of("first", "last", "limit");

    /** The error codes of the violations below, each also a refusal reason in the metrics. */
    public static final java.util.Set<String> CODES = java.util.Set.of("INTROSPECTION_DISABLED", "MAX_DEPTH_EXCEEDED",
            "MAX_ALIASES_EXCEEDED", "MAX_COST_EXCEEDED");

    /** A violated limit: a client-facing message naming the limit and its value, and an error code. */
    public record Violation(String message, String code) {
    }

    public Optional<Violation> check(GraphQLSchema schema, Document document, OperationDefinition operation,
                                     Map<String, Object> variables) {
        Walk walk = new Walk(schema, document, operation, variables);
        GraphQLType root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
        };
        boolean cutShort = false;
        try {
            walk.cost = walk.selectionCost(operation.getSelectionSet(), root, 0, false, false);
        } catch (CostExceeded e) {
            walk.cost = e.cost;
            cutShort = true;
        }
        if (walk.introspectionField != null) {
            return Optional.of(new Violation("GraphQL introspection is disabled on this gateway (GATEWAY_INTROSPECTION=false): "
                    + walk.introspectionField + " is not allowed.", "INTROSPECTION_DISABLED"));
        }
        if (walk.depth > maxDepth) {
            return Optional.of(new Violation("Query depth " + walk.depth + " exceeds the maximum depth of " + maxDepth
                    + " (GATEWAY_MAX_DEPTH).", "MAX_DEPTH_EXCEEDED"));
        }
        if (walk.aliases > maxAliases) {
            return Optional.of(new Violation("The operation uses " + walk.aliases + " aliases, more than the maximum of "
                    + maxAliases + " (GATEWAY_MAX_ALIASES).", "MAX_ALIASES_EXCEEDED"));
        }
        if (walk.cost > maxCost) {
            String estimate = walk.cost == Long.MAX_VALUE ? "(overflow)" : (cutShort ? "at least " : "") + walk.cost;
            return Optional.of(new Violation("Estimated query cost " + estimate
                    + " exceeds the maximum cost of " + maxCost + " (GATEWAY_MAX_COST; each field costs 1, list fields are "
                    + "multiplied by their first/last/limit argument or " + defaultListSize + ").", "MAX_COST_EXCEEDED"));
        }
        return Optional.empty();
    }

    /** Thrown to stop walking once more fields were walked than the cost limit allows (each costs at least 1). */
    private static final class CostExceeded extends RuntimeException {
        final long cost;

        CostExceeded(long cost) {
            super(null, null, false, false);
            this.cost = cost;
        }
    }

    private final class Walk {
        final GraphQLSchema schema;
        final Map<String, FragmentDefinition> fragments = new HashMap<>();
        final Map<String, Object> variables;
        final Map<String, Integer> variableDefaults = new HashMap<>();
        final Deque<String> fragmentStack = new ArrayDeque<>();
        int depth;
        int aliases;
        long cost;
        long walked;
        String introspectionField;

        Walk(GraphQLSchema schema, Document document, OperationDefinition operation, Map<String, Object> variables) {
            this.schema = schema;
            this.variables = variables;
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.putIfAbsent(f.getName(), f));
            for (VariableDefinition definition : operation.getVariableDefinitions()) {
                if (definition.getDefaultValue() instanceof IntValue value) {
                    variableDefaults.put(definition.getName(), value.getValue().intValue());
                }
            }
        }

        /**
         * @param type           the parent type, or null when unknown (validation reports unknown fields later)
         * @param connection     the selection belongs to a sized field that is not a list
         * @param inIntrospection inside {@code __schema}/{@code __type}
         */
        long selectionCost(SelectionSet selectionSet, GraphQLType type, int level, boolean connection, boolean inIntrospection) {
            if (selectionSet == null) {
                return 0;
            }
            long total = 0;
            for (Selection<?> selection : selectionSet.getSelections()) {
                switch (selection) {
                    case Field field -> total = add(total, fieldCost(field, type, level, connection, inIntrospection));
                    case InlineFragment inline -> {
                        GraphQLType condition = inline.getTypeCondition() == null ? type
                                : schema.getType(inline.getTypeCondition().getName());
                        total = add(total, selectionCost(inline.getSelectionSet(), condition, level, connection, inIntrospection));
                    }
                    case FragmentSpread spread -> {
                        FragmentDefinition fragment = fragments.get(spread.getName());
                        // unknown fragments and cycles are validation errors: reported after this check
                        if (fragment != null && !fragmentStack.contains(spread.getName())) {
                            fragmentStack.push(spread.getName());
                            total = add(total, selectionCost(fragment.getSelectionSet(),
                                    schema.getType(fragment.getTypeCondition().getName()), level, connection, inIntrospection));
                            fragmentStack.pop();
                        }
                    }
                    default -> {
                    }
                }
            }
            return total;
        }

        long fieldCost(Field field, GraphQLType parent, int level, boolean connection, boolean inIntrospection) {
            if (++walked > maxCost) {
                throw new CostExceeded(walked);
            }
            if (field.getAlias() != null) {
                aliases++;
            }
            boolean introspectionRoot = field.getName().equals("__schema") || field.getName().equals("__type");
            if (introspectionRoot && introspectionField == null && !introspection) {
                introspectionField = field.getName();
            }
            boolean introspective = inIntrospection || introspectionRoot;
            if (!introspective) {
                depth = Math.max(depth, level + 1);
            }
            GraphQLFieldDefinition definition = parent instanceof GraphQLFieldsContainer container
                    ? container.getFieldDefinition(field.getName()) : null;
            GraphQLType fieldType = definition == null ? null : definition.getType();
            boolean list = fieldType != null && GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(fieldType));
            Integer size = introspective ? null : sizeArgument(field);
            long multiplier;
            if (introspective) {
                multiplier = 1;
            } else if (size != null) {
                multiplier = Math.max(1, size);
            } else if (list && !connection) {
                multiplier = defaultListSize;
            } else {
                multiplier = 1;
            }
            GraphQLUnmodifiedType childType = fieldType == null ? null : GraphQLTypeUtil.unwrapAll(fieldType);
            long children = selectionCost(field.getSelectionSet(), childType, level + 1, size != null && !list, introspective);
            return add(1, multiply(multiplier, children));
        }

        Integer sizeArgument(Field field) {
            for (Argument argument : field.getArguments()) {
                if (!SIZE_ARGUMENTS.contains(argument.getName())) {
                    continue;
                }
                if (argument.getValue() instanceof IntValue value) {
                    return value.getValue().max(BigInteger.ZERO).min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
                }
                if (argument.getValue() instanceof VariableReference reference) {
                    Object value = variables.get(reference.getName());
                    if (value instanceof Number number) {
                        return (int) Math.min(Integer.MAX_VALUE, number.longValue());
                    }
                    return variableDefaults.getOrDefault(reference.getName(), defaultListSize);
                }
            }
            return null;
        }
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Limits for tests and callers that want none: everything allowed. */
    public static OperationLimits unlimited() {
        return new OperationLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 1, true);
    }
}
