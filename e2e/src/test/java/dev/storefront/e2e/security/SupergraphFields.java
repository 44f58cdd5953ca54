package dev.storefront.e2e.security;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object types of a supergraph SDL and their field names, read without a GraphQL library (the
 * e2e module has none): descriptions, strings and comments are dropped, then each
 * {@code type X ... { ... }} body is stripped of argument lists and directive arguments, which
 * leaves {@code name: Type @directive} per field.
 */
final class SupergraphFields {

    private static final Pattern BLOCK_STRING = Pattern.compile("\"\"\".*?\"\"\"", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern COMMENT = Pattern.compile("#[^\n]*");
    private static final Pattern TYPE_START = Pattern.compile("(?m)^\\s*(?:extend\\s+)?type\\s+(\\w+)[^{]*\\{");
    private static final Pattern FIELD = Pattern.compile("(\\w+)\\s*:");
    private static final Pattern SCHEMA_ROOT = Pattern.compile("(query|mutation)\\s*:\\s*(\\w+)");
    private static final Pattern SCHEMA_BLOCK = Pattern.compile("(?m)^\\s*schema[^{]*\\{([^}]*)}");

    private final Map<String, Set<String>> fieldsByType;
    private final String queryType;
    private final String mutationType;

    private SupergraphFields(Map<String, Set<String>> fieldsByType, String queryType, String mutationType) {
        this.fieldsByType = fieldsByType;
        this.queryType = queryType;
        this.mutationType = mutationType;
    }

    /**
     * @param sdl a supergraph (or any schema) in SDL
     * @return its object types' fields
     */
    static SupergraphFields parse(String sdl) {
        String text = COMMENT.matcher(STRING.matcher(BLOCK_STRING.matcher(sdl).replaceAll(" ")).replaceAll("\"\""))
                .replaceAll("");
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        Matcher type = TYPE_START.matcher(text);
        int from = 0;
        while (type.find(from)) {
            int end = closingBrace(text, type.end());
            String body = withoutParentheses(text.substring(type.end(), end));
            Set<String> names = fields.computeIfAbsent(type.group(1), k -> new LinkedHashSet<>());
            Matcher field = FIELD.matcher(body);
            while (field.find()) {
                names.add(field.group(1));
            }
            from = end;
        }
        String query = "Query";
        String mutation = "Mutation";
        Matcher schema = SCHEMA_BLOCK.matcher(text);
        if (schema.find()) {
            Matcher root = SCHEMA_ROOT.matcher(schema.group(1));
            while (root.find()) {
                if (root.group(1).equals("query")) {
                    query = root.group(2);
                } else {
                    mutation = root.group(2);
                }
            }
        }
        return new SupergraphFields(fields, query, mutation);
    }

    /** @return every Query and Mutation field as {@code Query.name} / {@code Mutation.name}, in schema order */
    List<String> rootFields() {
        List<String> roots = new java.util.ArrayList<>();
        fieldsByType.getOrDefault(queryType, Set.of()).forEach(f -> roots.add("Query." + f));
        fieldsByType.getOrDefault(mutationType, Set.of()).forEach(f -> roots.add("Mutation." + f));
        return roots;
    }

    /**
     * @param qualifiedField {@code Type.field}, with Query and Mutation meaning the root types
     * @return whether the schema has it
     */
    boolean has(String qualifiedField) {
        int dot = qualifiedField.indexOf('.');
        String type = qualifiedField.substring(0, dot);
        type = type.equals("Query") ? queryType : type.equals("Mutation") ? mutationType : type;
        return fieldsByType.getOrDefault(type, Set.of()).contains(qualifiedField.substring(dot + 1));
    }

    private static int closingBrace(String text, int afterOpening) {
        int depth = 1;
        for (int i = afterOpening; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("Unbalanced braces in the schema");
    }

    private static String withoutParentheses(String body) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : body.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
