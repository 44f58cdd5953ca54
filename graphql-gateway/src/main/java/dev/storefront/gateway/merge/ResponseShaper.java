package dev.storefront.gateway.merge;

import dev.storefront.gateway.plan.NormalizedField;
import dev.storefront.gateway.plan.NormalizedOperation;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.introspection.Introspection;

import dev.storefront.gateway.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shapes the response from the raw data: walks the normalized operation (not the data), so the
 * result has exactly the requested fields in request order, and applies null propagation.
 */
public final class ResponseShaper {
    /** Marks a null in a non-null position, to be propagated to the nearest nullable parent. */
    private static final Object INVALID = new Object();

    private final GraphQLSchema schema;

    public ResponseShaper(GraphQLSchema schema) {
        this.schema = schema;
    }

    /** The shaped {@code data} (null if a root field nulled it) and the errors, null-propagation errors added. */
    public record Shaped(Map<String, Object> data, List<Map<String, Object>> errors) {
    }

    public Shaped shape(NormalizedOperation operation, Map<String, Object> raw, List<Map<String, Object>> errors) {
        List<Map<String, Object>> allErrors = new ArrayList<>(errors);
        GraphQLObjectType root = (GraphQLObjectType) schema.getType(operation.rootType());
        Object data = completeObject(raw, root, operation.fields(), new ArrayList<>(), allErrors);
        return new Shaped(data == INVALID ? null : (Map<String, Object>) data, allErrors);
    }

    @SuppressWarnings("unchecked")
    private Object completeObject(Map<String, Object> raw, GraphQLObjectType type, List<NormalizedField> fields,
                                  List<Object> path, List<Map<String, Object>> errors) {
        JsonObject result = new JsonObject(fields.size());
        boolean invalid = false;
        for (NormalizedField field : fields) {
            if (field.isTypename()) {
                result.put(field.responseKey(), type.getName());
                continue;
            }
            path.add(field.responseKey());
            if (field.isIntrospection()) {
                result.put(field.responseKey(), raw.get(field.responseKey()));
                path.removeLast();
                continue;
            }
            GraphQLFieldDefinition definition = definition(type, field.name());
            if (!raw.containsKey(field.responseKey()) && !hasErrorAtOrBelow(errors, path)) {
                // no fetch wrote it (a subgraph answering null writes null): never a silent null
                errors.add(error("Cannot resolve " + type.getName() + "." + field.name()
                        + ": the gateway obtained no value for it from the subgraphs", path, "UNRESOLVED_FIELD"));
            }
            Object value = complete(raw.get(field.responseKey()), definition.getType(), field, path, errors, type);
            path.removeLast();
            if (value == INVALID) {
                invalid = true;
                result.put(field.responseKey(), null);
            } else {
                result.put(field.responseKey(), value);
            }
        }
        return invalid ? null : result;
    }

    private static GraphQLFieldDefinition definition(GraphQLFieldsContainer type, String name) {
        return switch (name) {
            case "__schema" -> Introspection.SchemaMetaFieldDef;
            case "__type" -> Introspection.TypeMetaFieldDef;
            default -> type.getFieldDefinition(name);
        };
    }

    @SuppressWarnings("unchecked")
    private Object complete(Object value, GraphQLOutputType type, NormalizedField field, List<Object> path,
                            List<Map<String, Object>> errors, GraphQLObjectType parent) {
        if (type instanceof GraphQLNonNull nonNull) {
            Object inner = complete(value, (GraphQLOutputType) nonNull.getWrappedType(), field, path, errors, parent);
            if (inner == null) {
                if (!hasErrorAtOrBelow(errors, path)) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("message", "Cannot return null for non-nullable field " + parent.getName() + "." + field.name() + ".");
                    error.put("path", List.copyOf(path));
                    errors.add(error);
                }
                return INVALID;
            }
            return inner == INVALID ? INVALID : inner;
        }
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLList list) {
            if (!(value instanceof List<?> items)) {
                return null;
            }
            List<Object> result = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                path.add(i);
                Object item = complete(items.get(i), (GraphQLOutputType) list.getWrappedType(), field, path, errors, parent);
                path.removeLast();
                if (item == INVALID) {
                    return null;
                }
                result.add(item);
            }
            return result;
        }
        if (field.isLeaf()) {
            if (type instanceof GraphQLEnumType enumType && !(value instanceof String name && enumType.getValue(name) != null)) {
                // e.g. an @inaccessible value: it is not part of the API, so the field cannot have it
                errors.add(error("Enum \"" + enumType.getName() + "\" cannot represent value: "
                        + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)), path, null));
                return null;
            }
            return value;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> object = (Map<String, Object>) map;
        GraphQLObjectType concrete = concreteType(object, type, field);
        if (concrete == null) {
            errors.add(error("Cannot return an object of type " + object.get("__typename") + " for " + parent.getName()
                    + "." + field.name() + ": the type is not part of the API schema", path, null));
            return null;
        }
        List<NormalizedField> fields = field.children().getOrDefault(concrete.getName(), List.of());
        return completeObject(object, concrete, fields, path, errors);
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
