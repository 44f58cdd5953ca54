package dev.storefront.gateway.supergraph;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.IntValue;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demand-control directives of a supergraph ({@code @cost} and {@code @listSize} of the cost
 * spec, {@code https://specs.apollo.dev/cost/v0.1}, the IBM "GraphQL Cost Directives"), found
 * under whatever names the supergraph's {@code @link} gives them. Composition copies them from
 * the subgraphs (Federation v2.9 imports); a supergraph that does not link the spec has none.
 */
public final class CostDirectives {
    /** No directives: every weight and size is the default. */
    public static final CostDirectives NONE = new CostDirectives(Map.of(), Map.of(), Map.of(), Map.of());

    /**
     * {@code @listSize} of a field.
     *
     * @param assumedSize               size when no slicing argument gives one, or null
     * @param slicingArguments          arguments whose value is the size (the largest when several are given)
     * @param sizedFields               list fields of the returned type that the size applies to (a connection's {@code edges})
     * @param requireOneSlicingArgument whether an operation must give exactly one slicing argument
     */
    public record ListSize(Integer assumedSize, List<String> slicingArguments, List<String> sizedFields,
                           boolean requireOneSlicingArgument) {
    }

    private final Map<String, Integer> typeWeights;
    private final Map<String, Integer> fieldWeights;
    private final Map<String, Integer> argumentWeights;
    private final Map<String, ListSize> listSizes;

    private CostDirectives(Map<String, Integer> typeWeights, Map<String, Integer> fieldWeights,
                           Map<String, Integer> argumentWeights, Map<String, ListSize> listSizes) {
        this.typeWeights = typeWeights;
        this.fieldWeights = fieldWeights;
        this.argumentWeights = argumentWeights;
        this.listSizes = listSizes;
    }

    /** {@code @cost(weight:)} on an object, enum, scalar (or input) type. */
    public Optional<Integer> typeWeight(String type) {
        return Optional.ofNullable(typeWeights.get(type));
    }

    /** {@code @cost(weight:)} on a field of an object or interface type, or on an input field. */
    public Optional<Integer> fieldWeight(String type, String field) {
        return Optional.ofNullable(fieldWeights.get(type + "." + field));
    }

    /** {@code @cost(weight:)} on an argument of a field. */
    public Optional<Integer> argumentWeight(String type, String field, String argument) {
        return Optional.ofNullable(argumentWeights.get(type + "." + field + "(" + argument + ")"));
    }

    /** {@code @listSize} on a field. */
    public Optional<ListSize> listSize(String type, String field) {
        return Optional.ofNullable(listSizes.get(type + "." + field));
    }

    public boolean isEmpty() {
        return typeWeights.isEmpty() && fieldWeights.isEmpty() && argumentWeights.isEmpty() && listSizes.isEmpty();
    }

    /** The directives of a schema document that links the cost spec (a supergraph, or a subgraph-like schema in tests). */
    public static CostDirectives parse(String sdl) {
        Document document = graphql.parser.Parser.parse(sdl);
        return of(document, LinkSpecs.of(document));
    }

    static CostDirectives of(Document document, LinkSpecs links) {
        Optional<String> costName = links.directiveName("cost", "cost");
        Optional<String> listSizeName = links.directiveName("cost", "listSize");
        if (costName.isEmpty() || listSizeName.isEmpty()) {
            return NONE;
        }
        String cost = costName.get();
        String listSize = listSizeName.get();
        Map<String, Integer> types = new HashMap<>();
        Map<String, Integer> fields = new HashMap<>();
        Map<String, Integer> arguments = new HashMap<>();
        Map<String, ListSize> sizes = new HashMap<>();
        for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
            if (links.isMachinery(type.getName())) {
                continue;
            }
            weight(type, cost, type.getName()).ifPresent(w -> types.put(type.getName(), w));
            List<FieldDefinition> outputFields = type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                    : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
            for (FieldDefinition field : outputFields) {
                String key = type.getName() + "." + field.getName();
                weight(field, cost, key).ifPresent(w -> fields.put(key, w));
                field.getDirectives(listSize).stream().findFirst().ifPresent(d -> sizes.put(key, listSize(d, key)));
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    weight(argument, cost, key + "(" + argument.getName() + ":)").ifPresent(w -> arguments.put(key + "(" + argument.getName() + ")", w));
                }
            }
            if (type instanceof InputObjectTypeDefinition input) {
                for (InputValueDefinition field : input.getInputValueDefinitions()) {
                    weight(field, cost, type.getName() + "." + field.getName()).ifPresent(w -> fields.put(type.getName() + "." + field.getName(), w));
                }
            }
        }
        return new CostDirectives(Map.copyOf(types), Map.copyOf(fields), Map.copyOf(arguments), Map.copyOf(sizes));
    }

    private static Optional<Integer> weight(DirectivesContainer<?> node, String cost, String where) {
        return node.getDirectives(cost).stream().findFirst().map(d -> {
            if (d.getArgument("weight") != null && d.getArgument("weight").getValue() instanceof IntValue value) {
                return value.getValue().intValueExact();
            }
            throw new SupergraphException("@" + cost + " without an integer weight on " + where);
        });
    }

    private static ListSize listSize(Directive directive, String where) {
        Integer assumed = null;
        Argument assumedSize = directive.getArgument("assumedSize");
        if (assumedSize != null && assumedSize.getValue() instanceof IntValue value) {
            assumed = value.getValue().intValueExact();
        }
        Argument require = directive.getArgument("requireOneSlicingArgument");
        boolean requireOne = require == null || !(require.getValue() instanceof BooleanValue b) || b.isValue();
        return new ListSize(assumed, strings(directive, "slicingArguments", where), strings(directive, "sizedFields", where),
                requireOne);
    }

    private static List<String> strings(Directive directive, String name, String where) {
        Argument argument = directive.getArgument(name);
        if (argument == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (argument.getValue() instanceof ArrayValue array) {
            array.getValues().forEach(v -> values.add(((StringValue) v).getValue()));
        } else if (argument.getValue() instanceof StringValue single) {
            values.add(single.getValue());
        } else {
            throw new SupergraphException("@listSize(" + name + ":) on " + where + " is not a list of strings");
        }
        return List.copyOf(values);
    }
}
