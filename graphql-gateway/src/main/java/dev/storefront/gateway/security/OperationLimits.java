package dev.storefront.gateway.security;

import dev.storefront.gateway.supergraph.CostDirectives;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Static limits on an operation, checked right after parsing (before validation, whose overlap
 * check is quadratic in the number of fields an alias bomb brings): depth, aliases, selected
 * fields, introspection, and the estimated cost.
 * <p>
 * Cost is demand control as the IBM "GraphQL Cost Directives" specification defines it and Apollo's
 * and Hive's routers apply it, driven by the supergraph's {@code @cost}/{@code @listSize}
 * ({@link CostDirectives}): a field returning an object, interface or union costs 1, a scalar or
 * enum 0, unless {@code @cost(weight:)} on the field (or else on its type) says otherwise; a field
 * costs {@code size × (its weight + the cost of its selection) + the cost of its arguments}, where
 * size is 1 for a non-list and for a list: the {@code @listSize(sizedFields:)} size its parent
 * field gives it, else the largest {@code slicingArguments} value (literal, variable, or the
 * argument's default), else {@code assumedSize}, else {@link #defaultListSize()}. An argument costs
 * its {@code @cost} weight (an input object at least 1, plus its fields). A mutation adds 10.
 * Every branch of an abstract selection is added (an upper bound); {@code __typename} and fields
 * skipped by a literal or variable {@code @skip}/{@code @include} cost 0.
 * <p>
 * Scalars being free, the cost does not bound the work of walking an operation: fragment fan-outs
 * are bounded by {@link #maxFields()} (selected fields counted after expanding every spread), and
 * the walk stops as soon as that is passed. Introspection ({@code __schema}, {@code __type}) is not
 * multiplied and not counted for depth: it is bounded by the schema and can be switched off.
 *
 * @param maxDepth        deepest allowed field nesting ({@code { a { b } }} has depth 2)
 * @param maxAliases      aliased fields allowed in the operation, fragments included
 * @param maxCost         highest allowed estimated cost
 * @param defaultListSize size of a list field whose {@code @listSize} gives none
 * @param introspection   whether {@code __schema} and {@code __type} may be queried
 * @param maxFields       selected fields allowed once fragments are expanded (every spread counted again)
 */
public record OperationLimits(int maxDepth, int maxAliases, long maxCost, int defaultListSize, boolean introspection,
                              int maxFields) {
    /** Selected fields allowed by default: far above any storefront operation; GraphiQL's introspection query fits (HardeningTest). */
    public static final int DEFAULT_MAX_FIELDS = 2000;
    /**
     * Highest estimated cost allowed by default: a storefront order history of 100 orders four
     * entity hops deep (items, products, payments and their transactions, status history: 28,403
     * with the connections' @listSize) fits; a page of 100,000 or pages of 100 inside pages of 100
     * (hundreds of thousands) do not. See bench/results/cost-estimates.md.
     */
    public static final long DEFAULT_MAX_COST = 50_000;
    /** Base cost of a mutation operation (Apollo's demand control; Hive's default). */
    public static final long MUTATION_COST = 10;

    /** The error codes of the violations below, each also a refusal reason in the metrics. */
    public static final Set<String> CODES = Set.of("INTROSPECTION_DISABLED", "MAX_DEPTH_EXCEEDED",
            "MAX_ALIASES_EXCEEDED", "MAX_FIELDS_EXCEEDED", "SLICING_ARGUMENT_REQUIRED", "MAX_COST_EXCEEDED");

    /** Limits with the default bound on selected fields. */
    public OperationLimits(int maxDepth, int maxAliases, long maxCost, int defaultListSize, boolean introspection) {
        this(maxDepth, maxAliases, maxCost, defaultListSize, introspection, DEFAULT_MAX_FIELDS);
    }

    /** A violated limit: a client-facing message naming the limit and its value, and an error code. */
    public record Violation(String message, String code) {
    }

    /** Checks an operation against a schema without cost directives (every weight and size the default). */
    public Optional<Violation> check(GraphQLSchema schema, Document document, OperationDefinition operation,
                                     Map<String, Object> variables) {
        return check(schema, CostDirectives.NONE, document, operation, variables);
    }

    public Optional<Violation> check(GraphQLSchema schema, CostDirectives costs, Document document,
                                     OperationDefinition operation, Map<String, Object> variables) {
        Walk walk = new Walk(schema, costs, document, operation, variables, maxFields);
        boolean cutShort = false;
        try {
            walk.cost = walk.operationCost(operation);
        } catch (FieldsExceeded e) {
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
        if (cutShort) {
            return Optional.of(new Violation("The operation selects more than " + maxFields
                    + " fields once its fragments are expanded, the maximum (GATEWAY_MAX_FIELDS).", "MAX_FIELDS_EXCEEDED"));
        }
        if (walk.slicingViolation != null) {
            return Optional.of(new Violation(walk.slicingViolation, "SLICING_ARGUMENT_REQUIRED"));
        }
        if (walk.cost > maxCost) {
            String estimate = walk.cost == Long.MAX_VALUE ? "(overflow)" : String.valueOf(walk.cost);
            return Optional.of(new Violation("Estimated query cost " + estimate + " exceeds the maximum cost of " + maxCost
                    + " (GATEWAY_MAX_COST; objects cost 1 and scalars 0 unless @cost says otherwise, lists count their"
                    + " @listSize slicing argument or assumed size, else " + defaultListSize
                    + " (GATEWAY_DEFAULT_LIST_SIZE), a mutation adds " + MUTATION_COST + ").", "MAX_COST_EXCEEDED"));
        }
        return Optional.empty();
    }

    /**
     * The estimated cost of an operation by the rules above, without any limit (reports, tests).
     * A {@code requireOneSlicingArgument} violation does not stop the estimate.
     */
    public long estimate(GraphQLSchema schema, CostDirectives costs, Document document, OperationDefinition operation,
                         Map<String, Object> variables) {
        return new Walk(schema, costs, document, operation, variables, Long.MAX_VALUE).operationCost(operation);
    }

    /** Thrown to stop walking once more fields were selected than {@link #maxFields()} allows. */
    private static final class FieldsExceeded extends RuntimeException {
        FieldsExceeded() {
            super(null, null, false, false);
        }
    }

    /** The {@code @listSize} of the field whose selection is being walked, as it applies to that selection's fields. */
    private record Sizing(Long size, List<String> sizedFields) {
    }

    private final class Walk {
        final GraphQLSchema schema;
        final CostDirectives costs;
        final Map<String, FragmentDefinition> fragments = new HashMap<>();
        final Map<String, Object> variables;
        final Map<String, Value<?>> variableDefaults = new HashMap<>();
        final Deque<String> fragmentStack = new ArrayDeque<>();
        final long fieldLimit;
        int depth;
        int aliases;
        long cost;
        long walked;
        String introspectionField;
        String slicingViolation;

        Walk(GraphQLSchema schema, CostDirectives costs, Document document, OperationDefinition operation,
             Map<String, Object> variables, long fieldLimit) {
            this.schema = schema;
            this.costs = costs;
            this.variables = variables;
            this.fieldLimit = fieldLimit;
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.putIfAbsent(f.getName(), f));
            for (VariableDefinition definition : operation.getVariableDefinitions()) {
                if (definition.getDefaultValue() != null) {
                    variableDefaults.put(definition.getName(), definition.getDefaultValue());
                }
            }
        }

        long operationCost(OperationDefinition operation) {
            GraphQLType root = switch (operation.getOperation()) {
                case QUERY -> schema.getQueryType();
                case MUTATION -> schema.getMutationType();
                case SUBSCRIPTION -> schema.getSubscriptionType();
            };
            long base = operation.getOperation() == OperationDefinition.Operation.MUTATION ? MUTATION_COST : 0;
            return add(base, selectionCost(operation.getSelectionSet(), root, 0, null, false));
        }

        /**
         * @param type            the parent type, or null when unknown (validation reports unknown fields later)
         * @param sizing          the {@code @listSize} of the field this selection belongs to, or null
         * @param inIntrospection inside {@code __schema}/{@code __type}
         */
        long selectionCost(SelectionSet selectionSet, GraphQLType type, int level, Sizing sizing, boolean inIntrospection) {
            if (selectionSet == null) {
                return 0;
            }
            long total = 0;
            for (Selection<?> selection : selectionSet.getSelections()) {
                switch (selection) {
                    case Field field -> total = add(total, fieldCost(field, type, level, sizing, inIntrospection));
                    case InlineFragment inline -> {
                        GraphQLType condition = inline.getTypeCondition() == null ? type
                                : schema.getType(inline.getTypeCondition().getName());
                        long branch = selectionCost(inline.getSelectionSet(), condition, level, sizing, inIntrospection);
                        total = add(total, skipped(inline.getDirectives()) ? 0 : branch);
                    }
                    case FragmentSpread spread -> {
                        FragmentDefinition fragment = fragments.get(spread.getName());
                        // unknown fragments and cycles are validation errors: reported after this check
                        if (fragment != null && !fragmentStack.contains(spread.getName())) {
                            fragmentStack.push(spread.getName());
                            long branch = selectionCost(fragment.getSelectionSet(),
                                    schema.getType(fragment.getTypeCondition().getName()), level, sizing, inIntrospection);
                            fragmentStack.pop();
                            total = add(total, skipped(spread.getDirectives()) ? 0 : branch);
                        }
                    }
                    default -> {
                    }
                }
            }
            return total;
        }

        long fieldCost(Field field, GraphQLType parent, int level, Sizing sizing, boolean inIntrospection) {
            if (++walked > fieldLimit) {
                throw new FieldsExceeded();
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
            GraphQLType namedType = fieldType == null ? null : GraphQLTypeUtil.unwrapAll(fieldType);
            String parentName = parent instanceof GraphQLNamedType named ? named.getName() : null;
            CostDirectives.ListSize listSize = definition == null || introspective ? null
                    : costs.listSize(parentName, field.getName()).orElse(null);
            Long sliced = listSize == null ? null : slicedSize(field, definition, parentName, listSize);
            Sizing childSizing = listSize == null ? null : new Sizing(sliced, listSize.sizedFields());
            long children = selectionCost(field.getSelectionSet(), namedType, level + 1, childSizing, introspective);
            if (definition == null || field.getName().equals("__typename") || skipped(field.getDirectives())) {
                return 0;
            }
            boolean list = GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(fieldType));
            long size;
            if (!list || introspective) {
                size = 1;
            } else if (sizing != null && sizing.size() != null && sizing.sizedFields().contains(field.getName())) {
                size = sizing.size();
            } else if (sliced != null) {
                size = sliced;
            } else {
                size = defaultListSize;
            }
            long weight = costs.fieldWeight(parentName, field.getName())
                    .or(() -> costs.typeWeight(((GraphQLNamedType) namedType).getName()))
                    .map(Integer::longValue)
                    .orElse(namedType instanceof GraphQLCompositeType ? 1L : 0L);
            long arguments = introspective ? 0 : argumentsCost(field, definition, parentName);
            return add(multiply(Math.max(0, size), add(weight, children)), arguments);
        }

        /** The largest slicing argument given (or defaulted), else the assumed size, else null. */
        Long slicedSize(Field field, GraphQLFieldDefinition definition, String parentName, CostDirectives.ListSize listSize) {
            Map<String, Long> given = new HashMap<>();
            for (String name : listSize.slicingArguments()) {
                GraphQLArgument argument = definition.getArgument(name);
                if (argument != null && argument.hasSetDefaultValue()
                        && argument.getArgumentDefaultValue().getValue() instanceof Value<?> literal) {
                    Long value = integer(literal);
                    if (value != null) {
                        given.put(name, value);
                    }
                }
            }
            for (Argument argument : field.getArguments()) {
                if (listSize.slicingArguments().contains(argument.getName())) {
                    Long value = integer(argument.getValue());
                    if (value != null) {
                        given.put(argument.getName(), value);
                    }
                }
            }
            if (!listSize.slicingArguments().isEmpty() && listSize.requireOneSlicingArgument() && given.size() != 1
                    && slicingViolation == null) {
                slicingViolation = "Field " + parentName + "." + field.getName() + " needs exactly one of its slicing arguments ("
                        + String.join(", ", listSize.slicingArguments()) + ") for its cost to be estimated; the operation gives "
                        + given.size() + " (@listSize(requireOneSlicingArgument: true)).";
            }
            return given.values().stream().max(Long::compare).orElse(listSize.assumedSize() == null ? null
                    : listSize.assumedSize().longValue());
        }

        /** An integer from a literal or a variable (its value, else its default); null when there is none. */
        Long integer(Value<?> value) {
            if (value instanceof IntValue literal) {
                return clamp(literal.getValue());
            }
            if (value instanceof VariableReference reference) {
                Object given = variables.get(reference.getName());
                if (given instanceof Number number) {
                    return clamp(new BigDecimal(number.toString()).toBigInteger());
                }
                Value<?> fallback = variables.containsKey(reference.getName()) ? null : variableDefaults.get(reference.getName());
                return fallback instanceof IntValue literal ? clamp(literal.getValue()) : null;
            }
            return null;
        }

        boolean skipped(List<Directive> directives) {
            for (Directive directive : directives) {
                Boolean condition = directive.getArgument("if") == null ? null : bool(directive.getArgument("if").getValue());
                if (directive.getName().equals("skip") && Boolean.TRUE.equals(condition)
                        || directive.getName().equals("include") && Boolean.FALSE.equals(condition)) {
                    return true;
                }
            }
            return false;
        }

        Boolean bool(Value<?> value) {
            if (value instanceof BooleanValue literal) {
                return literal.isValue();
            }
            if (value instanceof VariableReference reference) {
                Object given = variables.get(reference.getName());
                if (given instanceof Boolean b) {
                    return b;
                }
                return !variables.containsKey(reference.getName()) && variableDefaults.get(reference.getName()) instanceof BooleanValue b
                        ? b.isValue() : null;
            }
            return null;
        }

        long argumentsCost(Field field, GraphQLFieldDefinition definition, String parentName) {
            long total = 0;
            for (Argument argument : field.getArguments()) {
                GraphQLArgument argumentDefinition = definition.getArgument(argument.getName());
                if (argumentDefinition == null) {
                    continue;
                }
                Long weight = costs.argumentWeight(parentName, field.getName(), argument.getName())
                        .or(() -> costs.typeWeight(GraphQLTypeUtil.unwrapAll(argumentDefinition.getType()).getName()))
                        .map(Integer::longValue).orElse(null);
                total = add(total, literalCost(argument.getValue(), argumentDefinition.getType(), weight));
            }
            return total;
        }

        /** An input value's cost: its weight, an input object at least 1 plus its fields, a list its weight plus its items. */
        long literalCost(Value<?> value, GraphQLInputType type, Long weight) {
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
            return switch (value) {
                case NullValue ignored -> 0;
                case VariableReference reference -> variables.containsKey(reference.getName())
                        ? jsonCost(variables.get(reference.getName()), type, weight) : 0;
                case ArrayValue array when unwrapped instanceof GraphQLList list -> {
                    long total = weight == null ? 0 : weight;
                    for (Value<?> item : array.getValues()) {
                        total = add(total, literalCost(item, (GraphQLInputType) list.getWrappedType(), weight));
                    }
                    yield total;
                }
                case ObjectValue object when unwrapped instanceof GraphQLInputObjectType input -> {
                    long total = weight == null ? 1 : weight;
                    for (ObjectField field : object.getObjectFields()) {
                        GraphQLInputObjectField fieldDefinition = input.getField(field.getName());
                        if (fieldDefinition != null) {
                            total = add(total, literalCost(field.getValue(), fieldDefinition.getType(),
                                    inputFieldWeight(input, fieldDefinition)));
                        }
                    }
                    yield total;
                }
                default -> weight == null ? 0 : weight;
            };
        }

        long jsonCost(Object value, GraphQLInputType type, Long weight) {
            GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
            if (value == null) {
                return 0;
            }
            if (value instanceof List<?> items && unwrapped instanceof GraphQLList list) {
                long total = weight == null ? 0 : weight;
                for (Object item : items) {
                    total = add(total, jsonCost(item, (GraphQLInputType) list.getWrappedType(), weight));
                }
                return total;
            }
            if (value instanceof Map<?, ?> object && unwrapped instanceof GraphQLInputObjectType input) {
                long total = weight == null ? 1 : weight;
                for (Map.Entry<?, ?> entry : object.entrySet()) {
                    GraphQLInputObjectField fieldDefinition = input.getField(String.valueOf(entry.getKey()));
                    if (fieldDefinition != null) {
                        total = add(total, jsonCost(entry.getValue(), fieldDefinition.getType(), inputFieldWeight(input, fieldDefinition)));
                    }
                }
                return total;
            }
            return weight == null ? 0 : weight;
        }

        Long inputFieldWeight(GraphQLInputObjectType input, GraphQLInputObjectField field) {
            return costs.fieldWeight(input.getName(), field.getName())
                    .or(() -> costs.typeWeight(GraphQLTypeUtil.unwrapAll(field.getType()).getName()))
                    .map(Integer::longValue).orElse(null);
        }
    }

    private static long clamp(BigInteger value) {
        return value.max(BigInteger.valueOf(Long.MIN_VALUE)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }

    private static long add(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
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
        return new OperationLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 1, true, Integer.MAX_VALUE);
    }
}
