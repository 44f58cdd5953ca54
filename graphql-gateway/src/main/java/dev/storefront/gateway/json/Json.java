package dev.storefront.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JSON on the gateway's hot path: subgraph answers read by Jackson's streaming parser straight into
 * {@link JsonObject}s and lists, without its data-binding layer; values written by
 * {@link JsonOutput}. Parser buffers come from one shared pool: Jackson's default pool is per
 * thread, and every request runs on a new virtual thread, so each parse allocated its buffers anew.
 */
public final class Json {
    /** Parsers with pooled buffers; the same limits as Jackson's defaults. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
            .streamReadConstraints(StreamReadConstraints.defaults())
            .build();
    /** For values of other classes (introspection results may hold them): not on the hot path. */
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {
    }

    /**
     * Reads a JSON document: objects become {@link JsonObject}s, arrays {@link ArrayList}s, numbers
     * {@link Integer}, {@link Long}, {@link BigInteger} or {@link Double} (as Jackson's untyped
     * binding reads them), and keys are interned by the parser (the same field name is one string).
     *
     * @throws IOException when the bytes are not one complete JSON value
     */
    public static Object read(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            Object value = new Reader(parser).value(first);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return value;
        }
    }

    /**
     * One document's reading. An object's entries are gathered on a stack shared by the whole
     * document, so its arrays are allocated once, at their size, when the object ends.
     */
    private static final class Reader {
        /** Objects with more entries are built entry by entry, with {@link JsonObject}'s hash index. */
        private static final int GATHERED = JsonObject.SCAN_LIMIT;

        private final JsonParser parser;
        private String[] keys = new String[64];
        private Object[] values = new Object[64];
        private int top;

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        Object value(JsonToken token) throws IOException {
            return switch (token) {
                case START_OBJECT -> object();
                case START_ARRAY -> array();
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> parser.getNumberValue();
                case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new IOException("unexpected JSON token " + token);
            };
        }

        private JsonObject object() throws IOException {
            int base = top;
            String key = parser.nextFieldName();
            for (; key != null; key = parser.nextFieldName()) {
                Object value = value(parser.nextToken());
                int at = indexOf(base, key);
                if (at >= 0) {
                    values[at] = value; // a repeated key: the last value wins, as in a map
                    continue;
                }
                if (top - base == GATHERED) {
                    return large(base, key, value);
                }
                push(key, value);
            }
            JsonObject object = new JsonObject(Arrays.copyOfRange(keys, base, top), Arrays.copyOfRange(values, base, top));
            pop(base);
            return object;
        }

        /** The rest of an object found larger than {@link #GATHERED}, its first entries gathered already. */
        private JsonObject large(int base, String key, Object value) throws IOException {
            JsonObject object = new JsonObject(GATHERED * 2);
            for (int i = base; i < top; i++) {
                object.put(keys[i], values[i]);
            }
            pop(base);
            object.put(key, value);
            for (key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                object.put(key, value(parser.nextToken()));
            }
            return object;
        }

        /** Keys are interned by the parser: the same name is usually the same string. */
        private int indexOf(int base, String key) {
            for (int i = base; i < top; i++) {
                if (keys[i] == key || keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        private void push(String key, Object value) {
            if (top == keys.length) {
                keys = Arrays.copyOf(keys, top * 2);
                values = Arrays.copyOf(values, top * 2);
            }
            keys[top] = key;
            values[top++] = value;
        }

        private void pop(int base) {
            Arrays.fill(values, base, top, null); // no stale references to finished values
            top = base;
        }

        private List<Object> array() throws IOException {
            List<Object> list = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                list.add(value(token));
            }
            return list;
        }
    }

    /** The value as UTF-8 JSON bytes, written by {@link JsonOutput} (the response writer's output). */
    public static byte[] bytes(Object value) throws IOException {
        JsonOutput out = JsonOutput.pooled(1024);
        try {
            out.value(value);
            return out.toByteArray();
        } finally {
            out.release();
        }
    }

    /** A value of a class {@link JsonOutput} does not write itself, through Jackson's data binding. */
    static byte[] boundBytes(Object value) throws IOException {
        return MAPPER.writeValueAsBytes(value);
    }
}
