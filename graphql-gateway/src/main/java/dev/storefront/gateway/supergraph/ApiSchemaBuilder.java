package dev.storefront.gateway.supergraph;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.SDLDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeUtil;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.schema.idl.errors.SchemaProblem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the API schema from a supergraph: drops join/link/other spec machinery, removes
 * {@code @inaccessible} types, fields, arguments and enum values, and strips spec directives from
 * what remains. The result is only used to parse, validate and introspect client operations.
 */
final class ApiSchemaBuilder {
    private static final Set<String> BUILT_IN_DIRECTIVES = Set.of("deprecated", "specifiedBy", "oneOf", "skip", "include");

    private ApiSchemaBuilder() {
    }

    static GraphQLSchema build(Document supergraph, LinkSpecs links) {
        String inaccessible = links.inaccessibleName().orElse(null);
        Set<String> hiddenTypes = new HashSet<>();
        Set<String> keptDirectives = new HashSet<>(BUILT_IN_DIRECTIVES);
        for (Definition<?> d : supergraph.getDefinitions()) {
            if (d instanceof graphql.language.TypeDefinition<?> t
                    && (links.isMachinery(t.getName()) || isInaccessible(t, inaccessible))) {
                hiddenTypes.add(t.getName());
            }
            if (d instanceof DirectiveDefinition dd && !links.isMachinery(dd.getName())
                    && dd.getDirectiveLocations().stream().anyMatch(l -> isExecutableLocation(l.getName()))) {
                keptDirectives.add(dd.getName());
            }
        }
        List<SDLDefinition> kept = new ArrayList<>();
        for (Definition<?> d : supergraph.getDefinitions()) {
            if (d instanceof SchemaDefinition s) {
                kept.add(s.transform(b -> b.directives(List.of())));
            } else if (d instanceof DirectiveDefinition dd) {
                if (keptDirectives.contains(dd.getName()) && !BUILT_IN_DIRECTIVES.contains(dd.getName())) {
                    kept.add(dd);
                }
            } else if (d instanceof graphql.language.TypeDefinition<?> t && !hiddenTypes.contains(t.getName())) {
                kept.add(clean(t, inaccessible, hiddenTypes, keptDirectives));
            }
        }
        TypeDefinitionRegistry registry;
        try {
            registry = new SchemaParser().buildRegistry(Document.newDocument().definitions(new ArrayList<>(kept)).build());
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
        } catch (SchemaProblem e) {
            throw new SupergraphException("API schema of the supergraph is invalid: " + e.getMessage(), e);
        }
    }

    private static boolean isExecutableLocation(String location) {
        return Set.of("QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
                "INLINE_FRAGMENT", "VARIABLE_DEFINITION").contains(location);
    }

    private static boolean isInaccessible(DirectivesContainer<?> node, String inaccessible) {
        return inaccessible != null && !node.getDirectives(inaccessible).isEmpty();
    }

    private static boolean visible(Type<?> type, Set<String> hiddenTypes) {
        return !hiddenTypes.contains(TypeUtil.unwrapAll(type).getName());
    }

    private static List<Directive> apiDirectives(DirectivesContainer<?> node, Set<String> keptDirectives) {
        return node.getDirectives().stream().filter(d -> keptDirectives.contains(d.getName())
                && !Set.of("skip", "include").contains(d.getName())).toList();
    }

    private static List<InputValueDefinition> arguments(List<InputValueDefinition> args, String inaccessible,
                                                        Set<String> hidden, Set<String> keptDirectives) {
        return args.stream().filter(a -> !isInaccessible(a, inaccessible) && visible(a.getType(), hidden))
                .map(a -> a.transform(b -> b.directives(apiDirectives(a, keptDirectives)))).toList();
    }

    private static List<FieldDefinition> fields(List<FieldDefinition> fields, String inaccessible,
                                                Set<String> hidden, Set<String> keptDirectives) {
        return fields.stream().filter(f -> !isInaccessible(f, inaccessible) && visible(f.getType(), hidden))
                .map(f -> f.transform(b -> b.directives(apiDirectives(f, keptDirectives))
                        .inputValueDefinitions(arguments(f.getInputValueDefinitions(), inaccessible, hidden, keptDirectives))))
                .toList();
    }

    private static List<Type> visibleNames(List<Type> names, Set<String> hidden) {
        return names.stream().filter(t -> !hidden.contains(((TypeName) t).getName())).toList();
    }

    private static SDLDefinition clean(graphql.language.TypeDefinition<?> type, String inaccessible, Set<String> hidden,
                                       Set<String> kept) {
        return switch (type) {
            case ObjectTypeDefinition o -> o.transform(b -> b.directives(apiDirectives(o, kept))
                    .implementz(visibleNames(o.getImplements(), hidden))
                    .fieldDefinitions(fields(o.getFieldDefinitions(), inaccessible, hidden, kept)));
            case InterfaceTypeDefinition i -> i.transform(b -> b.directives(apiDirectives(i, kept))
                    .implementz(visibleNames(i.getImplements(), hidden))
                    .definitions(fields(i.getFieldDefinitions(), inaccessible, hidden, kept)));
            case UnionTypeDefinition u -> u.transform(b -> b.directives(apiDirectives(u, kept))
                    .memberTypes(visibleNames(u.getMemberTypes(), hidden)));
            case EnumTypeDefinition e -> e.transform(b -> b.directives(apiDirectives(e, kept))
                    .enumValueDefinitions(e.getEnumValueDefinitions().stream()
                            .filter(v -> !isInaccessible(v, inaccessible))
                            .map(v -> v.transform(vb -> vb.directives(apiDirectives(v, kept))))
                            .map(EnumValueDefinition.class::cast).toList()));
            case InputObjectTypeDefinition in -> in.transform(b -> b.directives(apiDirectives(in, kept))
                    .inputValueDefinitions(arguments(in.getInputValueDefinitions(), inaccessible, hidden, kept)));
            case ScalarTypeDefinition s -> s.transform(b -> b.directives(apiDirectives(s, kept)));
            default -> (SDLDefinition) type;
        };
    }
}
