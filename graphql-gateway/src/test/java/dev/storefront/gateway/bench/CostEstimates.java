package dev.storefront.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.gateway.GatewayConfig;
import dev.storefront.gateway.security.OperationLimits;
import dev.storefront.gateway.supergraph.CostDirectives;
import dev.storefront.gateway.supergraph.Supergraph;
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
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes bench/results/cost-estimates.md from real answers (run by bench/cost-estimates, which
 * passes {@code -Dcost.responses=<dir>}; skipped otherwise): per bench query the estimate of the
 * flat rule this gateway had before, the estimate of the cost-directive rules on the checked-in
 * supergraph (whose connections carry {@code @listSize}), and the actual cost of the
 * answer by the same weights (each object returned costs its type's weight, 1 by default, list
 * items each; scalars and enums 0).
 */
class CostEstimates {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @SuppressWarnings("unchecked")
    void report() throws Exception {
        String responses = System.getProperty("cost.responses");
        Assumptions.assumeTrue(responses != null, "run by bench/cost-estimates");
        Path root = Path.of("..");
        OperationLimits limits = GatewayConfig.load(Map.of()).limits();
        Supergraph checkedIn = Supergraph.parse(Files.readString(root.resolve("supergraph/supergraph.graphql")));
        StringBuilder table = new StringBuilder();
        List<Path> queries;
        try (Stream<Path> files = Files.list(Path.of(responses))) {
            queries = files.filter(p -> p.getFileName().toString().endsWith(".request.json")).sorted().toList();
        }
        for (Path request : queries) {
            String name = request.getFileName().toString().replace(".request.json", "");
            Map<String, Object> body = JSON.readValue(request.toFile(), Map.class);
            Map<String, Object> variables = (Map<String, Object>) body.getOrDefault("variables", Map.of());
            Document document = Parser.parse((String) body.get("query"));
            OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).getFirst();
            Map<String, Object> answer = JSON.readValue(Path.of(responses, name + ".json").toFile(), Map.class);
            long flat = new FlatRule(checkedIn.apiSchema(), document, variables).cost(operation);
            long estimate = limits.estimate(checkedIn.apiSchema(), checkedIn.costs(), document, operation, variables);
            long actual = new Actual(checkedIn.apiSchema(), checkedIn.costs(), document).cost(operation, (Map<String, Object>) answer.get("data"));
            table.append("| ").append(name).append(" | ").append(flat).append(flat > 10_000 ? " (refused)" : "").append(" | ")
                    .append(estimate).append(estimate > limits.maxCost() ? " (refused)" : "")
                    .append(" | ").append(actual).append(" | ")
                    .append(String.format("%.1f", (double) estimate / Math.max(1, actual))).append(" | ")
                    .append(Files.size(Path.of(responses, name + ".json"))).append(" |\n");
        }
        String report = """
                # Demand control: estimated vs actual cost of the bench queries

                Written by `bench/cost-estimates` from real answers: the four services on a seeded
                database, %s orders per shopper (bench/customers.py), queries as in `bench/queries/`
                (order history and deep history as one shopper, with their token), through our gateway.

                - **flat ×10 (before)**: the rule this gateway had until the cost directives: every field 1, a
                  `first`/`last`/`limit` argument multiplies the field's selection, other lists ×10; limit 10,000.
                - **@cost/@listSize, checked-in supergraph**: the IBM cost-directive rules as Apollo's and Hive's
                  routers apply them (objects 1, scalars and enums 0, lists by `@listSize` else ×%d, a mutation +10,
                  input objects 1 each) on `supergraph/supergraph.graphql`, whose subgraphs put `@listSize(slicingArguments:
                  ["first"], sizedFields: ["edges"], assumedSize: 20, requireOneSlicingArgument: false)` on every Relay
                  connection (subgraph-support): a page counts as its `first`; default limit %,d.
                - **actual**: the answer's cost by the same weights: each object returned 1 (list items each), scalars
                  and enums 0 (place-order: the mutation's 10 and its input objects are not in this column).

                | query | flat ×10 (before) | @cost/@listSize (checked-in supergraph) | actual | estimate ÷ actual | answer bytes |
                |---|---:|---:|---:|---:|---:|
                %s
                The estimate is an upper bound by design: unbounded lists (an order's items, payments, transactions,
                status history) count as %d each where the data has 1–4, and a page counts as its `first` however few
                rows exist (6 orders against `first: 100` in deep-history). The flat rule counted every scalar and
                refused the deep history; the directive rules admit it and still refuse a page of 100,000 (300,001) or
                pages of 100 inside pages of 100 (220,301): `StorefrontCostTest`.
                """.formatted(System.getProperty("cost.orders", "6"), limits.defaultListSize(), limits.maxCost(), table,
                limits.defaultListSize());
        Files.writeString(Path.of(System.getProperty("cost.report")), report);
        System.out.println(report);
    }

    /** The answer's cost: each object returned costs its field's or type's weight (1 by default), list items each. */
    private record Actual(GraphQLSchema schema, CostDirectives costs, Document document) {
        long cost(OperationDefinition operation, Map<String, Object> data) {
            GraphQLType root = operation.getOperation() == OperationDefinition.Operation.MUTATION ? schema.getMutationType()
                    : schema.getQueryType();
            return data == null ? 0 : selection(operation.getSelectionSet(), root, data);
        }

        @SuppressWarnings("unchecked")
        long selection(SelectionSet selectionSet, GraphQLType parent, Map<String, Object> object) {
            long total = 0;
            for (Selection<?> selection : selectionSet.getSelections()) {
                switch (selection) {
                    case Field field -> {
                        String key = field.getAlias() != null ? field.getAlias() : field.getName();
                        GraphQLFieldDefinition definition = ((GraphQLFieldsContainer) parent).getFieldDefinition(field.getName());
                        if (definition != null && object.get(key) != null) {
                            total += value(field, definition, (GraphQLNamedType) parent, object.get(key));
                        }
                    }
                    case InlineFragment inline -> total += selection(inline.getSelectionSet(), inline.getTypeCondition() == null
                            ? parent : schema.getType(inline.getTypeCondition().getName()), object);
                    case FragmentSpread spread -> {
                        FragmentDefinition fragment = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                                .filter(f -> f.getName().equals(spread.getName())).findFirst().orElseThrow();
                        total += selection(fragment.getSelectionSet(), schema.getType(fragment.getTypeCondition().getName()), object);
                    }
                    default -> {
                    }
                }
            }
            return total;
        }

        @SuppressWarnings("unchecked")
        long value(Field field, GraphQLFieldDefinition definition, GraphQLNamedType parent, Object value) {
            if (value instanceof List<?> items) {
                long total = 0;
                for (Object item : items) {
                    total += item == null ? 0 : value(field, definition, parent, item);
                }
                return total;
            }
            GraphQLNamedType type = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(definition.getType());
            long weight = costs.fieldWeight(parent.getName(), field.getName()).or(() -> costs.typeWeight(type.getName()))
                    .map(Integer::longValue).orElse(type instanceof GraphQLCompositeType ? 1L : 0L);
            return weight + (value instanceof Map<?, ?> object ? selection(field.getSelectionSet(), type, (Map<String, Object>) object) : 0);
        }
    }

    /** The gateway's former static cost, for the "before" column: every field 1, size arguments multiply, lists x10. */
    private record FlatRule(GraphQLSchema schema, Document document, Map<String, Object> variables) {
        private static final Set<String> SIZE_ARGUMENTS = Set.of("first", "last", "limit");

        long cost(OperationDefinition operation) {
            GraphQLType root = operation.getOperation() == OperationDefinition.Operation.MUTATION ? schema.getMutationType()
                    : schema.getQueryType();
            return selection(operation.getSelectionSet(), root, false);
        }

        long selection(SelectionSet selectionSet, GraphQLType type, boolean connection) {
            if (selectionSet == null) {
                return 0;
            }
            long total = 0;
            for (Selection<?> selection : selectionSet.getSelections()) {
                switch (selection) {
                    case Field field -> {
                        GraphQLFieldDefinition definition = type instanceof GraphQLFieldsContainer c ? c.getFieldDefinition(field.getName()) : null;
                        GraphQLType fieldType = definition == null ? null : definition.getType();
                        boolean list = fieldType != null && GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(fieldType));
                        Integer size = size(field);
                        long multiplier = size != null ? Math.max(1, size) : list && !connection ? 10 : 1;
                        total += 1 + multiplier * selection(field.getSelectionSet(),
                                fieldType == null ? null : GraphQLTypeUtil.unwrapAll(fieldType), size != null && !list);
                    }
                    case InlineFragment inline -> total += selection(inline.getSelectionSet(), inline.getTypeCondition() == null
                            ? type : schema.getType(inline.getTypeCondition().getName()), connection);
                    case FragmentSpread spread -> {
                        FragmentDefinition fragment = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                                .filter(f -> f.getName().equals(spread.getName())).findFirst().orElseThrow();
                        total += selection(fragment.getSelectionSet(), schema.getType(fragment.getTypeCondition().getName()), connection);
                    }
                    default -> {
                    }
                }
            }
            return total;
        }

        Integer size(Field field) {
            for (Argument argument : field.getArguments()) {
                if (SIZE_ARGUMENTS.contains(argument.getName())) {
                    if (argument.getValue() instanceof IntValue value) {
                        return value.getValue().intValue();
                    }
                    if (argument.getValue() instanceof VariableReference reference && variables.get(reference.getName()) instanceof Number n) {
                        return n.intValue();
                    }
                    return 10;
                }
            }
            return null;
        }
    }
}
