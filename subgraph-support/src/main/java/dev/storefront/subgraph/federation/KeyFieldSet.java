package dev.storefront.subgraph.federation;

import java.util.List;
import java.util.Map;

import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

/**
 * A {@code @key} field set parsed once (e.g. {@code id}, {@code sku}, {@code id owner { id }}), to
 * tell which key a representation carries: it covers the key when every field of the set has a
 * non-null value in it, nested sets inside an object value (or inside each element of a list).
 */
final class KeyFieldSet {

    private final String fields;
    private final SelectionSet selections;

    private KeyFieldSet(String fields, SelectionSet selections) {
        this.fields = fields;
        this.selections = selections;
    }

    /**
     * @param fields field set as written in {@code @key(fields:)}
     * @param where  the entity type, for the message
     * @return the parsed field set
     * @throws IllegalStateException when it is not a selection of plain fields
     */
    static KeyFieldSet parse(String fields, String where) {
        SelectionSet selections;
        try {
            selections = Parser.parse("{" + fields + "}").getDefinitionsOfType(OperationDefinition.class)
                    .getFirst().getSelectionSet();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("Invalid @key field set \"" + fields + "\" on " + where, e);
        }
        requirePlainFields(selections, fields, where);
        return new KeyFieldSet(fields, selections);
    }

    /** @return the field set as declared */
    String fields() {
        return fields;
    }

    /** @return the field set printed compactly, to compare two declarations regardless of spacing */
    String normalized() {
        return AstPrinter.printAstCompact(selections);
    }

    /** @return whether the representation carries a non-null value for every field of the set */
    boolean isCoveredBy(Map<String, Object> representation) {
        return covers(selections, representation);
    }

    private static boolean covers(SelectionSet selections, Object value) {
        if (value instanceof List<?> list) {
            return list.stream().allMatch(element -> covers(selections, element));
        }
        if (!(value instanceof Map<?, ?> object)) {
            return false;
        }
        for (Selection<?> selection : selections.getSelections()) {
            Field field = (Field) selection;
            Object fieldValue = object.get(field.getName());
            if (fieldValue == null) {
                return false;
            }
            if (field.getSelectionSet() != null && !covers(field.getSelectionSet(), fieldValue)) {
                return false;
            }
        }
        return true;
    }

    private static void requirePlainFields(SelectionSet selections, String fields, String where) {
        for (Selection<?> selection : selections.getSelections()) {
            if (!(selection instanceof Field field) || field.getAlias() != null || !field.getArguments().isEmpty()) {
                throw new IllegalStateException("@key field set \"" + fields + "\" on " + where
                        + " may only select fields (no fragments, aliases or arguments)");
            }
            if (field.getSelectionSet() != null) {
                requirePlainFields(field.getSelectionSet(), fields, where);
            }
        }
    }

    @Override
    public String toString() {
        return fields;
    }
}
