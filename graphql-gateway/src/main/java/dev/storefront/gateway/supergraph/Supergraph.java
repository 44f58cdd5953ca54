package dev.storefront.gateway.supergraph;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationDefinition;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A parsed Federation v2 supergraph: subgraphs, which of them define each type (and with which
 * keys), which resolve each field (with {@code @requires}/{@code @provides}/{@code @external}/
 * {@code @override}), and the API schema clients query.
 */
public final class Supergraph {
    private final String sdl;
    private final Map<String, Subgraph> subgraphs;
    private final Map<String, TypeInfo> types;
    private final GraphQLSchema apiSchema;
    private final CostDirectives costs;

    private Supergraph(String sdl, Map<String, Subgraph> subgraphs, Map<String, TypeInfo> types,
                       GraphQLSchema apiSchema, CostDirectives costs) {
        this.sdl = sdl;
        this.subgraphs = subgraphs;
        this.types = types;
        this.apiSchema = apiSchema;
        this.costs = costs;
        this.anyContext = types.values().stream().anyMatch(t -> t.fields.values().stream().anyMatch(FieldInfo::usesContext));
    }

    /** Whether any field takes an argument from a {@code @context}: the planner's per-field check is skipped otherwise. */
    private final boolean anyContext;

    /** Per-type join information. */
    public static final class TypeInfo {
        final String name;
        final Map<String, List<JoinType>> joinTypes = new LinkedHashMap<>();
        final Map<String, FieldInfo> fields = new LinkedHashMap<>();
        final Map<String, Set<String>> implementsIn = new HashMap<>();
        final Map<String, Set<String>> unionMembersIn = new HashMap<>();
        /** Interfaces an object type implements, or members of a union, as the supergraph declares them. */
        final Set<String> declaredSupertypes = new LinkedHashSet<>();
        final Set<String> unionMembers = new LinkedHashSet<>();
        final boolean isInterface;
        boolean isUnion;
        boolean isObject;

        TypeInfo(String name, boolean isInterface) {
            this.name = name;
            this.isInterface = isInterface;
        }
    }

    /**
     * Per-field join information; {@code joins} empty means every subgraph defining the type resolves it.
     * {@code type} is the field's full type as the supergraph declares it, e.g. {@code [Media!]}.
     */
    public record FieldInfo(String name, String typeName, String type, List<JoinField> joins, boolean usesContext) {
    }

    public static Supergraph parse(String sdl) {
        Document document;
        try {
            document = Parser.parse(sdl);
        } catch (InvalidSyntaxException e) {
            throw new SupergraphException("Supergraph SDL does not parse: " + e.getMessage(), e);
        }
        LinkSpecs links = LinkSpecs.of(document);
        String join = links.prefixOf("join")
                .orElseThrow(() -> new SupergraphException("Not a Federation v2 supergraph: no @link to the join spec"));
        links.requireSupportedJoinVersion();

        Map<String, Subgraph> subgraphs = new LinkedHashMap<>();
        Map<String, String> graphByEnumValue = new HashMap<>();
        for (var definition : document.getDefinitionsOfType(EnumTypeDefinition.class)) {
            if (!definition.getName().equals(join + "__Graph")) {
                continue;
            }
            for (EnumValueDefinition value : definition.getEnumValueDefinitions()) {
                Directive graph = value.getDirectives(join + "__graph").stream().findFirst()
                        .orElseThrow(() -> new SupergraphException("join__Graph." + value.getName() + " lacks @join__graph"));
                String name = string(graph, "name");
                subgraphs.put(name, new Subgraph(name, value.getName(), string(graph, "url")));
                graphByEnumValue.put(value.getName(), name);
            }
        }
        if (subgraphs.isEmpty()) {
            throw new SupergraphException("Supergraph declares no subgraphs (enum join__Graph is missing or empty)");
        }
        UnaryOperator<String> graphName = enumValue -> {
            String name = graphByEnumValue.get(enumValue);
            if (name == null) {
                throw new SupergraphException("Unknown join__Graph value " + enumValue);
            }
            return name;
        };

        Map<String, TypeInfo> types = new LinkedHashMap<>();
        for (var definition : document.getDefinitionsOfType(TypeDefinition.class)) {
            TypeDefinition<?> type = definition;
            if (links.isMachinery(type.getName())) {
                continue;
            }
            TypeInfo info = types.computeIfAbsent(type.getName(),
                    n -> new TypeInfo(n, type instanceof InterfaceTypeDefinition));
            for (Directive d : ((DirectivesContainer<?>) type).getDirectives(join + "__type")) {
                String graph = graphName.apply(enumArg(d, "graph"));
                String keyText = optionalString(d, "key");
                info.joinTypes.computeIfAbsent(graph, g -> new ArrayList<>()).add(new JoinType(graph,
                        keyText == null ? null : parseFieldSet(keyText, type.getName()), keyText,
                        bool(d, "extension", false), bool(d, "resolvable", true), bool(d, "isInterfaceObject", false)));
            }
            for (Directive d : ((DirectivesContainer<?>) type).getDirectives(join + "__implements")) {
                info.implementsIn.computeIfAbsent(graphName.apply(enumArg(d, "graph")), g -> new LinkedHashSet<>())
                        .add(string(d, "interface"));
            }
            if (type instanceof ObjectTypeDefinition object) {
                info.isObject = true;
                object.getImplements().forEach(t -> info.declaredSupertypes.add(((graphql.language.TypeName) t).getName()));
            }
            if (type instanceof UnionTypeDefinition union) {
                info.isUnion = true;
                union.getMemberTypes().forEach(t -> info.unionMembers.add(((graphql.language.TypeName) t).getName()));
                for (Directive d : type.getDirectives(join + "__unionMember")) {
                    info.unionMembersIn.computeIfAbsent(graphName.apply(enumArg(d, "graph")), g -> new LinkedHashSet<>())
                            .add(string(d, "member"));
                }
            }
            List<FieldDefinition> fieldDefinitions = type instanceof ObjectTypeDefinition o ? o.getFieldDefinitions()
                    : type instanceof InterfaceTypeDefinition i ? i.getFieldDefinitions() : List.of();
            for (FieldDefinition field : fieldDefinitions) {
                List<JoinField> joins = new ArrayList<>();
                for (Directive d : field.getDirectives(join + "__field")) {
                    String enumValue = enumArgOrNull(d, "graph");
                    String requires = optionalString(d, "requires");
                    String provides = optionalString(d, "provides");
                    joins.add(new JoinField(enumValue == null ? null : graphName.apply(enumValue),
                            requires == null ? null : parseFieldSet(requires, type.getName() + "." + field.getName()),
                            provides == null ? null : parseFieldSet(provides, type.getName() + "." + field.getName()),
                            bool(d, "external", false), optionalString(d, "override"), optionalString(d, "overrideLabel"),
                            bool(d, "usedOverridden", false), optionalString(d, "type"),
                            d.getArgument("contextArguments") != null));
                }
                info.fields.put(field.getName(), new FieldInfo(field.getName(),
                        graphql.schema.idl.TypeUtil.unwrapAll(field.getType()).getName(),
                        graphql.language.AstPrinter.printAst(field.getType()), List.copyOf(joins),
                        joins.stream().anyMatch(JoinField::fromContext)));
            }
        }
        GraphQLSchema api = ApiSchemaBuilder.build(document, links);
        return new Supergraph(sdl, subgraphs, types, api, CostDirectives.of(document, links));
    }

    static SelectionSet parseFieldSet(String fieldSet, String where) {
        try {
            var doc = new Parser().parseDocument("{" + fieldSet + "}");
            return doc.getDefinitionsOfType(OperationDefinition.class).getFirst().getSelectionSet();
        } catch (InvalidSyntaxException e) {
            throw new SupergraphException("Invalid field set \"" + fieldSet + "\" on " + where + ": " + e.getMessage(), e);
        }
    }

    // ---- queries used by the planner ----

    public String sdl() {
        return sdl;
    }

    public GraphQLSchema apiSchema() {
        return apiSchema;
    }

    /** The {@code @cost}/{@code @listSize} directives of the supergraph (demand control), by type, field and argument. */
    public CostDirectives costs() {
        return costs;
    }

    public Collection<Subgraph> subgraphs() {
        return subgraphs.values();
    }

    public Subgraph subgraph(String name) {
        return subgraphs.get(name);
    }

    /** Order of subgraphs in the supergraph: the planner's deterministic tie-breaker. */
    public int order(String graph) {
        int i = 0;
        for (String name : subgraphs.keySet()) {
            if (name.equals(graph)) {
                return i;
            }
            i++;
        }
        return Integer.MAX_VALUE;
    }

    /** Replaces subgraph URLs (configuration overrides); unknown names are reported. */
    public Supergraph withUrls(Map<String, String> urlByName) {
        Map<String, Subgraph> copy = new LinkedHashMap<>(subgraphs);
        urlByName.forEach((name, url) -> {
            Subgraph s = copy.get(name);
            if (s == null) {
                throw new SupergraphException("URL override for unknown subgraph '" + name + "'; known: " + subgraphs.keySet());
            }
            copy.put(name, s.withUrl(url));
        });
        return new Supergraph(sdl, copy, types, apiSchema, costs);
    }

    /** Whether the subgraph defines the type at all (any {@code @join__type}). */
    public boolean definesType(String graph, String type) {
        TypeInfo info = types.get(type);
        if (info == null) {
            return false;
        }
        // A supergraph of a single subgraph may omit join__type entirely.
        return info.joinTypes.isEmpty() || info.joinTypes.containsKey(graph);
    }

    public boolean isInterfaceObject(String graph, String type) {
        TypeInfo info = types.get(type);
        return info != null && info.joinTypes.getOrDefault(graph, List.of()).stream().anyMatch(JoinType::interfaceObject);
    }

    /** Keys through which {@code _entities} of this subgraph can resolve the type. */
    public List<JoinType> resolvableKeys(String graph, String type) {
        TypeInfo info = types.get(type);
        if (info == null) {
            return List.of();
        }
        return info.joinTypes.getOrDefault(graph, List.of()).stream()
                .filter(j -> j.key() != null && j.resolvable()).toList();
    }

    /**
     * Whether the subgraph resolves the field on the type (not external, not overridden away,
     * progressive override decided by the enabled labels).
     */
    public boolean resolves(String graph, String type, String field, OverrideLabels labels) {
        TypeInfo info = types.get(type);
        if (info == null) {
            return false;
        }
        if (field.equals("__typename")) {
            return definesType(graph, type);
        }
        FieldInfo f = info.fields.get(field);
        if (f == null) {
            return false;
        }
        if (f.joins().isEmpty()) {
            return definesType(graph, type);
        }
        for (JoinField j : f.joins()) {
            if (!graph.equals(j.graph()) || j.external() || j.usedOverridden()) {
                continue;
            }
            if (j.overrideLabel() != null) {
                boolean enabled = labels.isEnabled(j.overrideLabel());
                // the overriding side carries override+label, the overridden side only the label
                if (j.override() != null ? enabled : !enabled) {
                    return true;
                }
                continue;
            }
            return true;
        }
        return false;
    }

    /** Subgraphs that resolve the field on the type, in supergraph order. */
    public List<String> graphsResolving(String type, String field, OverrideLabels labels) {
        List<String> result = new ArrayList<>();
        for (String graph : subgraphs.keySet()) {
            if (resolves(graph, type, field, labels)) {
                result.add(graph);
            }
        }
        return result;
    }

    public Optional<JoinField> joinField(String graph, String type, String field) {
        TypeInfo info = types.get(type);
        if (info == null || info.fields.get(field) == null) {
            return Optional.empty();
        }
        return info.fields.get(field).joins().stream().filter(j -> graph.equals(j.graph())).findFirst();
    }

    /** The field set a subgraph needs in the representation before it resolves the field, or null. */
    public SelectionSet requires(String graph, String type, String field) {
        return joinField(graph, type, field).map(JoinField::requires).orElse(null);
    }

    /** The field set a subgraph returns along with the field (@provides), or null. */
    public SelectionSet provides(String graph, String type, String field) {
        return joinField(graph, type, field).map(JoinField::provides).orElse(null);
    }

    /**
     * Whether an object of {@code type} can appear where the subgraph's {@code abstractType} is
     * expected, according to that subgraph (type conditions narrowed per subgraph).
     */
    public boolean isPossibleTypeIn(String graph, String abstractType, String type) {
        if (abstractType.equals(type)) {
            return true;
        }
        TypeInfo abstractInfo = types.get(abstractType);
        TypeInfo info = types.get(type);
        if (abstractInfo == null || info == null || !definesType(graph, type)) {
            return false;
        }
        if (apiSchema.getType(abstractType) instanceof graphql.schema.GraphQLUnionType) {
            if (abstractInfo.unionMembersIn.isEmpty()) {
                return abstractInfo.joinTypes.isEmpty(); // no join metadata at all: one subgraph
            }
            return abstractInfo.unionMembersIn.getOrDefault(graph, Set.of()).contains(type);
        }
        if (info.implementsIn.isEmpty()) {
            return info.joinTypes.isEmpty();
        }
        return info.implementsIn.getOrDefault(graph, Set.of()).contains(abstractType);
    }

    /** Subgraphs in which the interface is an {@code @interfaceObject} resolving the field. */
    public List<String> interfaceObjectGraphsResolving(String interfaceName, String field, OverrideLabels labels) {
        TypeInfo info = types.get(interfaceName);
        if (info == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String graph : subgraphs.keySet()) {
            if (isInterfaceObject(graph, interfaceName) && resolves(graph, interfaceName, field, labels)) {
                result.add(graph);
            }
        }
        return result;
    }

    /** Named return type of a field as the supergraph declares it (also for fields hidden from the API). */
    public String fieldTypeName(String type, String field) {
        TypeInfo info = types.get(type);
        FieldInfo f = info == null ? null : info.fields.get(field);
        return f == null ? null : f.typeName();
    }

    /**
     * The field's type in one subgraph, e.g. {@code ID!}: what {@code @join__field(type:)} says where
     * the subgraphs disagree, else the supergraph's. Null for unknown fields.
     */
    public String fieldTypeIn(String graph, String type, String field) {
        TypeInfo info = types.get(type);
        FieldInfo f = info == null ? null : info.fields.get(field);
        if (f == null) {
            return null;
        }
        for (JoinField j : f.joins()) {
            if (j.type() != null && graph.equals(j.graph())) {
                return j.type();
            }
        }
        return f.type();
    }

    /** The named type of {@link #fieldTypeIn}: {@code [Media!]} gives {@code Media}. */
    public String namedFieldTypeIn(String graph, String type, String field) {
        TypeInfo info = types.get(type);
        FieldInfo f = info == null ? null : info.fields.get(field);
        if (f == null) {
            return null;
        }
        String full = null;
        for (JoinField j : f.joins()) {
            if (j.type() != null && graph.equals(j.graph())) {
                full = j.type();
            }
        }
        if (full == null) {
            return f.typeName(); // the common case: the supergraph's own type
        }
        int start = full.lastIndexOf('[') + 1;
        int end = full.indexOf(']') < 0 ? full.length() : full.indexOf(']');
        String named = full.substring(start, end);
        return named.endsWith("!") ? named.substring(0, named.length() - 1) : named;
    }

    /** Whether the type is an interface or a union (in the supergraph, hidden types included). */
    public boolean isAbstract(String type) {
        TypeInfo info = types.get(type);
        return info != null && (info.isInterface || info.isUnion);
    }

    /**
     * Object types that can appear where {@code type} is expected, from the supergraph's own
     * declarations: {@code @inaccessible} types included (subgraphs return them, field sets may
     * name them), so this is wider than the API schema's view.
     */
    public List<String> possibleTypes(String type) {
        return possibleTypes.computeIfAbsent(type, this::computePossibleTypes);
    }

    private final Map<String, List<String>> possibleTypes = new java.util.concurrent.ConcurrentHashMap<>();

    private List<String> computePossibleTypes(String type) {
        TypeInfo info = types.get(type);
        if (info == null) {
            return List.of();
        }
        if (info.isUnion) {
            return List.copyOf(info.unionMembers);
        }
        if (info.isInterface) {
            List<String> result = new ArrayList<>();
            for (TypeInfo candidate : types.values()) {
                if (candidate.isObject && (candidate.declaredSupertypes.contains(type)
                        || candidate.implementsIn.values().stream().anyMatch(s -> s.contains(type)))) {
                    result.add(candidate.name);
                }
            }
            return result;
        }
        return info.isObject ? List.of(type) : List.of();
    }

    /** Whether some subgraph fills an argument of the field from a {@code @context} ({@code @fromContext}). */
    public boolean usesContext(String type, String field) {
        if (!anyContext) {
            return false;
        }
        TypeInfo info = types.get(type);
        FieldInfo f = info == null ? null : info.fields.get(field);
        return f != null && f.usesContext();
    }

    /** {@code percent(x)} override labels with 0 < x < 100: decided per request, so plans differ by them. */
    public Set<String> rolledOverrideLabels() {
        Set<String> labels = new java.util.TreeSet<>();
        for (TypeInfo info : types.values()) {
            for (FieldInfo field : info.fields.values()) {
                for (JoinField join : field.joins()) {
                    Double percent = join.overrideLabel() == null ? null : OverrideLabels.percent(join.overrideLabel());
                    if (percent != null && percent > 0 && percent < 100) {
                        labels.add(join.overrideLabel());
                    }
                }
            }
        }
        return labels;
    }

    public boolean hasType(String type) {
        return types.containsKey(type);
    }

    // ---- directive argument helpers ----

    private static Value<?> arg(Directive d, String name) {
        Argument a = d.getArgument(name);
        return a == null ? null : a.getValue();
    }

    static String string(Directive d, String name) {
        String s = optionalString(d, name);
        if (s == null) {
            throw new SupergraphException("@" + d.getName() + " lacks argument " + name);
        }
        return s;
    }

    static String optionalString(Directive d, String name) {
        return arg(d, name) instanceof StringValue s ? s.getValue() : null;
    }

    private static String enumArg(Directive d, String name) {
        String s = enumArgOrNull(d, name);
        if (s == null) {
            throw new SupergraphException("@" + d.getName() + " lacks argument " + name);
        }
        return s;
    }

    private static String enumArgOrNull(Directive d, String name) {
        return arg(d, name) instanceof EnumValue e ? e.getName() : null;
    }

    private static boolean bool(Directive d, String name, boolean fallback) {
        return arg(d, name) instanceof BooleanValue b ? b.isValue() : fallback;
    }

    static ParserOptions parserOptions() {
        return ParserOptions.getDefaultSdlParserOptions();
    }
}
