package dev.storefront.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Read-only operations generated from an API schema (an introspection result): for each Query
 * root field and each set of arguments given for it, selection sets that walk the object fields
 * down to a bounded depth, through entity hops into other subgraphs (User.orders → Order.items →
 * product, Order.payments → Payment.order ...), in several shapes: schema order, reversed order,
 * aliases with {@code __typename} on every level, named and inline fragments. Connection and
 * edge types do not count as a level, so a walk reaches past a page into its nodes.
 *
 * <p>Each operation is kept inside our gateway's default operation limits (depth 15, 30 aliases)
 * and under a flat cost of 10 000 (every field 1, a list ×10 or its {@code first}), which bounds
 * the gateway's @cost/@listSize estimate from above (it counts objects only, and its default
 * limit is 50 000): the deepest walk that fits is taken, so both gateways are asked something
 * each of them executes.
 */
final class OperationCorpus {

    /** The shape a walk is written in. */
    enum Shape {
        /** fields in schema order */
        PLAIN,
        /** one level below the root field only */
        SHALLOW,
        /** fields in reverse schema order: both answers must follow the query, not the schema */
        REVERSED,
        /** {@code __typename} first on every level, object fields aliased, sized fields twice with different sizes */
        ALIASED,
        /** every object selection a named fragment holding half its fields and an inline fragment with the rest */
        FRAGMENTS
    }

    /**
     * One operation of the corpus.
     *
     * @param name      operation name, unique in the corpus (shown in failures)
     * @param document  GraphQL document
     * @param variables its variables
     */
    record Operation(String name, String document, Map<String, JsonValue> variables) {
    }

    private static final int DEEPEST = 5;
    private static final int MAX_NESTING = 15;
    private static final int MAX_ALIASES = 30;
    private static final long MAX_COST = 10_000;
    /** {@code OperationLimits}' multiplier for a list field without a size argument. */
    private static final int DEFAULT_LIST_SIZE = 10;
    /** Page size asked of nested sized fields (User.orders): keeps the answers small. */
    private static final int NESTED_PAGE = 2;

    private final Map<String, List<Field>> fieldsByType = new LinkedHashMap<>();
    private final String queryType;

    private record TypeRef(String named, String kind, boolean list, String text) {
    }

    private record Argument(String name, TypeRef type) {
    }

    private record Field(String name, List<Argument> arguments, TypeRef type) {
        boolean hasArgument(String argument) {
            return arguments.stream().anyMatch(a -> a.name().equals(argument));
        }
    }

    /** A written selection set and what the gateway's limits would count for it. */
    private record Written(String text, long cost, int nesting, int aliases) {
    }

    /**
     * @param introspection the {@code data} of a full introspection query
     */
    OperationCorpus(JsonObject introspection) {
        JsonObject schema = introspection.getJsonObject("__schema");
        queryType = schema.getJsonObject("queryType").getString("name");
        for (JsonValue value : schema.getJsonArray("types")) {
            JsonObject type = value.asJsonObject();
            if (!type.getString("kind").equals("OBJECT") || type.getString("name").startsWith("__")) {
                continue;
            }
            List<Field> fields = new ArrayList<>();
            for (JsonValue f : type.getJsonArray("fields")) {
                JsonObject field = f.asJsonObject();
                List<Argument> arguments = new ArrayList<>();
                for (JsonValue a : field.getJsonArray("args")) {
                    arguments.add(new Argument(a.asJsonObject().getString("name"), typeRef(a.asJsonObject().getJsonObject("type"))));
                }
                fields.add(new Field(field.getString("name"), arguments, typeRef(field.getJsonObject("type"))));
            }
            fieldsByType.put(type.getString("name"), fields);
        }
    }

    /** @return the Query root fields, in schema order */
    List<String> queryFields() {
        return fieldsByType.get(queryType).stream().map(Field::name).toList();
    }

    /**
     * @param argumentSets per Query field, the argument sets to call it with (an empty object for none)
     * @return every Query field × argument set × shape
     * @throws IllegalArgumentException when a Query field has no argument sets (a new field: add some)
     */
    List<Operation> generate(Map<String, List<Map<String, JsonValue>>> argumentSets) {
        List<Operation> operations = new ArrayList<>();
        for (Field root : fieldsByType.get(queryType)) {
            List<Map<String, JsonValue>> sets = argumentSets.get(root.name());
            if (sets == null || sets.isEmpty()) {
                throw new IllegalArgumentException("No arguments for Query." + root.name() + " in the differential corpus: add some");
            }
            for (int set = 0; set < sets.size(); set++) {
                for (Shape shape : Shape.values()) {
                    operations.add(operation(root, sets.get(set), shape, root.name() + "_" + (set + 1) + "_" + shape));
                }
            }
        }
        return operations;
    }

    private Operation operation(Field root, Map<String, JsonValue> arguments, Shape shape, String name) {
        List<String> definitions = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (Argument argument : root.arguments()) {
            if (arguments.containsKey(argument.name())) {
                definitions.add("$" + argument.name() + ": " + argument.type().text());
                passed.add(argument.name() + ": $" + argument.name());
            } else if (argument.type().text().endsWith("!")) {
                throw new IllegalArgumentException("Query." + root.name() + " needs " + argument.name());
            }
        }
        String call = root.name() + (passed.isEmpty() ? "" : "(" + String.join(", ", passed) + ")");
        String head = "query " + name + (definitions.isEmpty() ? "" : "(" + String.join(", ", definitions) + ")");
        if (!isObject(root.type())) {
            return new Operation(name, head + " { " + call + " }", arguments);
        }
        int deepest = shape == Shape.SHALLOW ? 2 : DEEPEST;
        for (int depth = deepest; depth >= 1; depth--) {
            Map<String, String> fragments = new LinkedHashMap<>();
            Written body = select(root.type().named(), 1, depth, shape, false, fragments);
            String alias = shape == Shape.ALIASED ? "root: " : "";
            long cost = 1 + (root.hasArgument("first") ? sizeOf(arguments.get("first")) : root.type().list() ? DEFAULT_LIST_SIZE : 1) * body.cost();
            int aliases = body.aliases() + (alias.isEmpty() ? 0 : 1);
            if (cost <= MAX_COST && aliases <= MAX_ALIASES && body.nesting() + 1 <= MAX_NESTING) {
                StringBuilder document = new StringBuilder(head + " { " + alias + call + " " + body.text() + " }");
                fragments.forEach((fragmentName, text) -> document.append(' ').append(text));
                return new Operation(name, document.toString(), arguments);
            }
        }
        throw new IllegalStateException("No walk below Query." + root.name() + " fits the gateway's limits");
    }

    /**
     * @param level     the level of this type (the root field's type is 1; connections and edges add none)
     * @param sized     this selection belongs to a sized field that is not a list (its list fields are not multiplied again)
     */
    private Written select(String type, int level, int depth, Shape shape, boolean sized, Map<String, String> fragments) {
        List<Field> fields = new ArrayList<>(fieldsByType.get(type));
        if (shape == Shape.REVERSED) {
            java.util.Collections.reverse(fields);
        }
        List<String> parts = new ArrayList<>();
        long cost = 0;
        int nesting = 1;
        int aliases = 0;
        if (shape == Shape.ALIASED) {
            parts.add("__typename");
            cost++;
        }
        for (Field field : fields) {
            if (field.arguments().stream().anyMatch(a -> a.type().text().endsWith("!"))) {
                continue; // no nested field needs arguments in this schema; one that does is left out
            }
            if (!isObject(field.type())) {
                parts.add(field.name());
                cost++;
                continue;
            }
            int next = isWrapper(field.type().named()) ? level : level + 1;
            if (next > depth) {
                continue;
            }
            boolean hasFirst = field.hasArgument("first");
            List<Integer> sizes = !hasFirst ? List.of(0) : shape == Shape.ALIASED ? List.of(NESTED_PAGE, 1) : List.of(NESTED_PAGE);
            for (int size : sizes) {
                Written sub = select(field.type().named(), next, depth, shape, hasFirst && !field.type().list(), fragments);
                String alias = shape == Shape.ALIASED ? (size == 1 ? "one_" : "an_") + field.name() + ": " : "";
                parts.add(alias + field.name() + (hasFirst ? "(first: " + size + ")" : "") + " " + sub.text());
                long multiplier = hasFirst ? size : field.type().list() && !sized ? DEFAULT_LIST_SIZE : 1;
                cost += 1 + multiplier * sub.cost();
                nesting = Math.max(nesting, sub.nesting() + 1);
                aliases += sub.aliases() + (alias.isEmpty() ? 0 : 1);
            }
        }
        if (shape != Shape.FRAGMENTS) {
            return new Written("{ " + String.join(" ", parts) + " }", cost, nesting, aliases);
        }
        // half the fields in a named fragment, the rest in an inline fragment inside it
        int half = (parts.size() + 1) / 2;
        String body = "{ __typename " + String.join(" ", parts.subList(0, half))
                + (half < parts.size() ? " ... on " + type + " { " + String.join(" ", parts.subList(half, parts.size())) + " }" : "") + " }";
        String name = fragments.entrySet().stream().filter(e -> e.getValue().endsWith(" on " + type + " " + body))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (name == null) {
            name = type + "Fields" + (fragments.size() + 1);
            fragments.put(name, "fragment " + name + " on " + type + " " + body);
        }
        return new Written("{ ..." + name + " }", cost + 1, nesting, aliases);
    }

    private boolean isObject(TypeRef type) {
        return type.kind().equals("OBJECT");
    }

    private static boolean isWrapper(String type) {
        return type.endsWith("Connection") || type.endsWith("Edge");
    }

    private static int sizeOf(JsonValue first) {
        return first instanceof jakarta.json.JsonNumber n ? Math.max(1, n.intValue()) : DEFAULT_LIST_SIZE;
    }

    private static TypeRef typeRef(JsonObject type) {
        return switch (type.getString("kind")) {
            case "NON_NULL" -> {
                TypeRef inner = typeRef(type.getJsonObject("ofType"));
                yield new TypeRef(inner.named(), inner.kind(), inner.list(), inner.text() + "!");
            }
            case "LIST" -> {
                TypeRef inner = typeRef(type.getJsonObject("ofType"));
                yield new TypeRef(inner.named(), inner.kind(), true, "[" + inner.text() + "]");
            }
            default -> new TypeRef(type.getString("name"), type.getString("kind"), false, type.getString("name"));
        };
    }
}
