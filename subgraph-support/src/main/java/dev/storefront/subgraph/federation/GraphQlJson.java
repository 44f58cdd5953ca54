package dev.storefront.subgraph.federation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The JSON of GraphQL over HTTP, read and written with Jackson's streaming parser and generator:
 * a request's object straight into the maps and values graphql-java takes, and an execution
 * result straight to bytes (JSON-P went through its own object tree and wrote ~2x slower, ~7 % of
 * a subgraph fetch's CPU).
 */
final class GraphQlJson {

    private static final JsonFactory JACKSON = new JsonFactory();

    private GraphQlJson() {
    }

    /** Not JSON ({@link #syntax()}), or JSON that is not one object. */
    static final class NotAnObjectException extends Exception {
        private final boolean syntax;

        NotAnObjectException(String message, boolean syntax) {
            super(message, null, false, false);
            this.syntax = syntax;
        }

        /** @return whether the text is not JSON at all */
        boolean syntax() {
            return syntax;
        }
    }

    /**
     * One JSON object, as graphql-java takes variables: objects as maps in their order, arrays as
     * lists, integers as {@code Integer} (or {@code BigDecimal} beyond it), other numbers as
     * {@code Double}.
     *
     * @param json the text
     * @return the object
     * @throws NotAnObjectException when the text is not valid JSON or not an object
     */
    static Map<String, Object> readObject(byte[] json) throws NotAnObjectException {
        try (JsonParser parser = JACKSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                if (first != null) {
                    parser.skipChildren();
                    parser.nextToken(); // a syntax error after the value still says "not JSON"
                }
                throw new NotAnObjectException("not an object", first == null);
            }
            Map<String, Object> object = readObjectBody(parser);
            if (parser.nextToken() != null) {
                throw new NotAnObjectException("content after the object", true);
            }
            return object;
        } catch (IOException e) {
            throw new NotAnObjectException(e.getMessage(), true);
        }
    }

    private static Map<String, Object> readObjectBody(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.put(name, readValue(parser));
        }
        return object;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObjectBody(parser);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(parser));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.INT
                    ? (Object) parser.getIntValue() : parser.getDecimalValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + parser.currentToken());
        };
    }

    /**
     * An execution result (maps, lists, strings, numbers, booleans, nulls: what graphql-java
     * produces; anything else as its text, as enums are) as JSON bytes, fields in map order.
     *
     * @param result the result
     * @return UTF-8 JSON
     */
    static byte[] write(Map<String, Object> result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = JACKSON.createGenerator(out)) {
            writeValue(generator, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator generator, Object value) throws IOException {
        // the common kinds first: a type switch tests its cases in order
        switch (value) {
            case null -> generator.writeNull();
            case String string -> generator.writeString(string);
            case Map<?, ?> map -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case Iterable<?> items -> { // graphql-java's lists
                generator.writeStartArray();
                for (Object item : items) {
                    writeValue(generator, item);
                }
                generator.writeEndArray();
            }
            case Integer number -> generator.writeNumber(number);
            case Boolean bool -> generator.writeBoolean(bool);
            case Long number -> generator.writeNumber(number);
            case Double number -> generator.writeNumber(number);
            case BigDecimal number -> generator.writeNumber(number);
            case BigInteger number -> generator.writeNumber(number);
            case Short number -> generator.writeNumber(number);
            case Byte number -> generator.writeNumber(number);
            case Float number -> generator.writeNumber(number.doubleValue());
            default -> generator.writeString(value.toString());
        }
    }

    /**
     * {@code {"errors":[{"message":…}]}}, the answer to a request that could not be executed.
     *
     * @param message what was wrong
     * @return UTF-8 JSON
     */
    static byte[] requestError(String message) {
        return write(Map.of("errors", List.of(Map.of("message", message))));
    }
}
