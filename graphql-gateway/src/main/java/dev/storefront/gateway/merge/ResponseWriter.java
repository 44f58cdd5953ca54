package dev.storefront.gateway.merge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.storefront.gateway.json.JsonOutput;
import dev.storefront.gateway.plan.NormalizedField;
import dev.storefront.gateway.plan.NormalizedOperation;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the response body from the merged subgraph answers in one pass, straight to JSON bytes.
 * The data is written by walking the normalized operation (not the answers), so it has exactly the
 * requested fields in request order, with GraphQL's null propagation. No response tree is built:
 * when a null in a non-null position makes an enclosing object or list null, what was already
 * written of it is cut back and {@code null} written in its place.
 */
public final class ResponseWriter {
    /** What writing a value came to: a value, a null, or a null in a non-null position (to propagate). */
    private static final int VALUE = 0;
    private static final int NULL = 1;
    private static final int INVALID = 2;

    /** Where a new response buffer starts (most storefront answers fit); buffers are reused, kept at their size. */
    private static final int INITIAL_CAPACITY = 8192;

    private final GraphQLSchema schema;
    /**
     * Each operation's fields with their types and encoded names, resolved once per operation rather
     * than looked up in the schema for every object of every response. Keyed by the operation's
     * identity (plans are cached, so a repeated operation is the same instance); an entry goes when
     * its plan has left the plan cache.
     */
    private final Cache<NormalizedOperation, List<FieldLayout>> layouts = Caffeine.newBuilder().weakKeys().build();

    public ResponseWriter(GraphQLSchema schema) {
        this.schema = schema;
    }

    /**
     * A requested field under one concrete parent type.
     *
     * @param type     the field's type in the API schema (null for {@code __typename} and introspection)
     * @param name     its response key as JSON, with the colon
     * @param children the layouts of its sub-selection per concrete type; null for leaf fields
     */
    private record FieldLayout(NormalizedField field, GraphQLOutputType type, byte[] name,
                               Map<String, List<FieldLayout>> children) {
    }

    private List<FieldLayout> layout(GraphQLObjectType parent, List<NormalizedField> fields) {
        List<FieldLayout> layouts = new ArrayList<>(fields.size());
        for (NormalizedField field : fields) {
            GraphQLOutputType type = field.isTypename() || field.isIntrospection() ? null
                    : parent.getFieldDefinition(field.name()).getType();
            Map<String, List<FieldLayout>> children = null;
            if (field.children() != null) {
                children = new HashMap<>();
                for (var entry : field.children().entrySet()) {
                    children.put(entry.getKey(), layout(schema.getObjectType(entry.getKey()), entry.getValue()));
                }
            }
            layouts.add(new FieldLayout(field, type, JsonOutput.encodedFieldName(field.responseKey()), children));
        }
        return layouts;
    }

    /**
     * @param body   the response body as JSON: {@code errors} when there are any, {@code data} ({@code null}
     *               if a root field's null propagated to it), {@code extensions} when given
     * @param errors the execution's errors with the null-propagation and unresolved-field errors added
     */
    public record Written(byte[] body, List<Map<String, Object>> errors) {
    }

    /**
     * @param extensions the body's {@code extensions}, or null for none
     */
    public Written write(NormalizedOperation operation, Map<String, Object> raw, List<Map<String, Object>> errors,
                         Map<String, Object> extensions) {
        List<Map<String, Object>> allErrors = new ArrayList<>(errors);
        GraphQLObjectType root = (GraphQLObjectType) schema.getType(operation.rootType());
        JsonOutput out = JsonOutput.pooled(INITIAL_CAPACITY);
        try {
            // without errors (the usual case) the body is written where the data is, in one buffer
            out.startObject();
            out.fieldName("data");
            int dataStart = out.length();
            List<FieldLayout> fields = layouts.get(operation, o -> layout(root, o.fields()));
            writeObject(out, raw, root, fields, new ArrayList<>(), allErrors);
            if (allErrors.isEmpty()) {
                return new Written(finish(out, extensions), allErrors);
            }
            // "errors" comes first, as GraphQL's spec suggests: the data is copied behind them
            JsonOutput body = new JsonOutput(out.length() + 256 * allErrors.size());
            body.startObject();
            body.fieldName("errors");
            body.value(allErrors);
            body.separator();
            body.fieldName("data");
            body.raw(out, dataStart, out.length());
            return new Written(finish(body, extensions), allErrors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.release();
        }
    }

    private static byte[] finish(JsonOutput body, Map<String, Object> extensions) throws IOException {
        if (extensions != null) {
            body.separator();
            body.fieldName("extensions");
            body.value(extensions);
        }
        body.endObject();
        return body.toByteArray();
    }

    /** The object's requested fields; the object is null when one of them is a null in a non-null position. */
    private int writeObject(JsonOutput out, Map<String, Object> raw, GraphQLObjectType type, List<FieldLayout> fields,
                            List<Object> path, List<Map<String, Object>> errors) throws IOException {
        int start = out.length();
        out.startObject();
        boolean invalid = false;
        for (int i = 0, n = fields.size(); i < n; i++) {
            FieldLayout layout = fields.get(i);
            NormalizedField field = layout.field();
            out.separator();
            out.raw(layout.name());
            if (field.isTypename()) {
                out.string(type.getName());
                continue;
            }
            path.add(field.responseKey());
            Object value = raw.get(field.responseKey());
            if (field.isIntrospection()) {
                out.value(value);
                path.removeLast();
                continue;
            }
            if (value == null && !raw.containsKey(field.responseKey()) && !hasErrorAtOrBelow(errors, path)) {
                // no fetch wrote it (a subgraph answering null writes null): never a silent null
                errors.add(error("Cannot resolve " + type.getName() + "." + field.name()
                        + ": the gateway obtained no value for it from the subgraphs", path, "UNRESOLVED_FIELD"));
            }
            int valueStart = out.length();
            int written = write(out, value, layout.type(), layout, path, errors, type);
            path.removeLast();
            if (written == INVALID) {
                // the field is null; the remaining fields are still written, for their errors
                out.truncate(valueStart);
                out.nullValue();
                invalid = true;
            }
        }
        if (invalid) {
            out.truncate(start);
            out.nullValue();
            return NULL;
        }
        out.endObject();
        return VALUE;
    }

    @SuppressWarnings("unchecked")
    private int write(JsonOutput out, Object value, GraphQLOutputType type, FieldLayout layout, List<Object> path,
                      List<Map<String, Object>> errors, GraphQLObjectType parent) throws IOException {
        NormalizedField field = layout.field();
        if (type instanceof GraphQLNonNull nonNull) {
            int inner = write(out, value, (GraphQLOutputType) nonNull.getWrappedType(), layout, path, errors, parent);
            if (inner == NULL) {
                if (!hasErrorAtOrBelow(errors, path)) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("message", "Cannot return null for non-nullable field " + parent.getName() + "." + field.name() + ".");
                    error.put("path", List.copyOf(path));
                    errors.add(error);
                }
                return INVALID;
            }
            return inner;
        }
        if (value == null) {
            out.nullValue();
            return NULL;
        }
        if (type instanceof GraphQLList list) {
            if (!(value instanceof List<?> items)) {
                out.nullValue();
                return NULL;
            }
            int start = out.length();
            out.startArray();
            GraphQLOutputType itemType = (GraphQLOutputType) list.getWrappedType();
            for (int i = 0, n = items.size(); i < n; i++) {
                out.separator();
                path.add(i);
                int item = write(out, items.get(i), itemType, layout, path, errors, parent);
                path.removeLast();
                if (item == INVALID) {
                    out.truncate(start);
                    out.nullValue();
                    return NULL;
                }
            }
            out.endArray();
            return VALUE;
        }
        if (field.isLeaf()) {
            if (type instanceof GraphQLEnumType enumType && !(value instanceof String name && enumType.getValue(name) != null)) {
                // e.g. an @inaccessible value: it is not part of the API, so the field cannot have it
                errors.add(error("Enum \"" + enumType.getName() + "\" cannot represent value: "
                        + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)), path, null));
                out.nullValue();
                return NULL;
            }
            out.value(value);
            return VALUE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            out.nullValue();
            return NULL;
        }
        Map<String, Object> object = (Map<String, Object>) map;
        GraphQLObjectType concrete = concreteType(object, type, field);
        if (concrete == null) {
            errors.add(error("Cannot return an object of type " + object.get("__typename") + " for " + parent.getName()
                    + "." + field.name() + ": the type is not part of the API schema", path, null));
            out.nullValue();
            return NULL;
        }
        return writeObject(out, object, concrete, layout.children().getOrDefault(concrete.getName(), List.of()), path, errors);
    }

    private GraphQLObjectType concreteType(Map<String, Object> object, GraphQLType type, NormalizedField field) {
        if (type instanceof GraphQLObjectType o) {
            return o;
        }
        String typename = object.get("__typename") instanceof String t ? t : null;
        if (typename != null && schema.getType(typename) instanceof GraphQLObjectType o && field.children().containsKey(typename)) {
            return o;
        }
        // only an @interfaceObject subgraph answered, naming the interface: all concrete selections are
        // the same interface fields. Any other unknown name (an @inaccessible type) is not guessed at.
        if (typename != null && typename.equals(GraphQLTypeUtil.unwrapAll(type).getName()) && !field.children().isEmpty()) {
            return schema.getObjectType(field.children().keySet().iterator().next());
        }
        return null;
    }

    private static Map<String, Object> error(String message, List<Object> path, String code) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("path", List.copyOf(path));
        if (code != null) {
            error.put("extensions", Map.of("code", code));
        }
        return error;
    }

    private static boolean hasErrorAtOrBelow(List<Map<String, Object>> errors, List<Object> path) {
        for (Map<String, Object> error : errors) {
            if (!(error.get("path") instanceof List<?> errorPath)) {
                continue;
            }
            if (errorPath.size() >= path.size() && errorPath.subList(0, path.size()).equals(path)
                    || errorPath.size() < path.size() && path.subList(0, errorPath.size()).equals(errorPath)) {
                return true;
            }
        }
        return false;
    }
}
