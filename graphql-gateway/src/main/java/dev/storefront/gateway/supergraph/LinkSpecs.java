package dev.storefront.gateway.supergraph;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.ObjectValue;
import graphql.language.SchemaDefinition;
import graphql.language.SchemaExtensionDefinition;
import graphql.language.StringValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The specs a supergraph links with {@code @link(url:, as:)}: tells which names are federation
 * machinery (prefixed {@code join__}, {@code link__}, ... or renamed with {@code as}).
 */
final class LinkSpecs {
    private static final Pattern SPEC_URL = Pattern.compile("https?://[^/]+/(?:[^/]+/)*([A-Za-z_][A-Za-z0-9_-]*)/v(\\d+)\\.(\\d+)/?");
    private static final Set<String> SUPPORTED_JOIN = Set.of("0.2", "0.3", "0.4", "0.5");

    /** @param imports local names of the imported elements, without {@code @}: original name → name in this document */
    private record Link(String spec, String version, String prefix, Map<String, String> imports) {
    }

    private final Map<String, Link> bySpec = new LinkedHashMap<>();

    static LinkSpecs of(Document document) {
        LinkSpecs specs = new LinkSpecs();
        List<Directive> directives = new ArrayList<>();
        document.getDefinitionsOfType(SchemaDefinition.class).forEach(s -> directives.addAll(s.getDirectives()));
        document.getDefinitionsOfType(SchemaExtensionDefinition.class).forEach(s -> directives.addAll(s.getDirectives()));
        for (Directive d : directives) {
            if (!d.getName().equals("link") && !d.getName().equals("core")) {
                continue;
            }
            String url = Supergraph.optionalString(d, d.getName().equals("core") ? "feature" : "url");
            if (url == null) {
                continue;
            }
            Matcher m = SPEC_URL.matcher(url);
            if (!m.matches()) {
                continue;
            }
            String as = Supergraph.optionalString(d, "as");
            Map<String, String> imports = new LinkedHashMap<>();
            Argument importArg = d.getArgument("import");
            if (importArg != null && importArg.getValue() instanceof ArrayValue array) {
                array.getValues().forEach(v -> {
                    if (v instanceof StringValue sv) {
                        imports.put(sv.getValue().replace("@", ""), sv.getValue().replace("@", ""));
                    } else if (v instanceof ObjectValue renamed) {
                        // { name: "@listSize", as: "@pageSize" }
                        String name = objectString(renamed, "name");
                        if (name != null) {
                            String alias = objectString(renamed, "as");
                            imports.put(name.replace("@", ""), (alias != null ? alias : name).replace("@", ""));
                        }
                    }
                });
            }
            specs.bySpec.put(m.group(1), new Link(m.group(1), m.group(2) + "." + m.group(3),
                    as != null ? as : m.group(1), imports));
        }
        if (!specs.bySpec.containsKey("link") && specs.bySpec.containsKey("core")) {
            throw new SupergraphException("Federation v1 supergraphs (@core) are not supported; compose with Federation v2");
        }
        specs.bySpec.putIfAbsent("link", new Link("link", "1.0", "link", Map.of()));
        return specs;
    }

    Optional<String> prefixOf(String spec) {
        return Optional.ofNullable(bySpec.get(spec)).map(Link::prefix);
    }

    void requireSupportedJoinVersion() {
        String version = bySpec.get("join").version();
        if (!SUPPORTED_JOIN.contains(version)) {
            throw new SupergraphException("Unsupported join spec version v" + version + "; supported: " + SUPPORTED_JOIN);
        }
    }

    /** Whether a type or directive name belongs to a linked spec rather than to the API. */
    boolean isMachinery(String name) {
        for (Link link : bySpec.values()) {
            if (name.equals(link.prefix()) || name.startsWith(link.prefix() + "__") || link.imports().containsValue(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Name a directive of a linked spec has in this document: its import name (or alias), else
     * the prefix for the directive named like the spec ({@code @cost} of the cost spec), else
     * {@code prefix__name}. Empty when the spec is not linked.
     */
    Optional<String> directiveName(String spec, String directive) {
        Link link = bySpec.get(spec);
        if (link == null) {
            return Optional.empty();
        }
        String imported = link.imports().get(directive);
        if (imported != null) {
            return Optional.of(imported);
        }
        return Optional.of(directive.equals(spec) ? link.prefix() : link.prefix() + "__" + directive);
    }

    private static String objectString(ObjectValue object, String field) {
        return object.getObjectFields().stream().filter(f -> f.getName().equals(field))
                .map(f -> f.getValue() instanceof StringValue sv ? sv.getValue() : null).findFirst().orElse(null);
    }

    /** Name the {@code @inaccessible} directive has in this supergraph, if it links the spec. */
    Optional<String> inaccessibleName() {
        return prefixOf("inaccessible");
    }
}
