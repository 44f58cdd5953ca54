package dev.storefront.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * JSON on the gateway's hot path: subgraph answers read straight into {@link JsonObject}s and
 * lists, responses and subgraph requests written from them in one pass, without Jackson's
 * data-binding layer in between. Parser and generator buffers come from one shared pool: Jackson's
 * default pool is per thread, and every request runs on a new virtual thread, so each parse or
 * write allocated its buffers anew.
 */
public final class Json {
    /** Parsers and generators with pooled buffers; the same limits as Jackson's defaults. */
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
        /** Objects with more entries are built entry by entry, with the hash index of {@link JsonObject}. */
        private static final int GATHERED = 16;

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
            int size = top - base;
            JsonObject object = new JsonObject(Arrays.copyOfRange(keys, base, top), Arrays.copyOfRange(values, base, top), size);
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

    /** The value as UTF-8 JSON bytes. */
    public static byte[] bytes(Object value) throws IOException {
        BufferRecycler recycler = FACTORY._getRecyclerPool().acquireAndLinkPooled();
        try {
            ByteArrayBuilder out = new ByteArrayBuilder(recycler);
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                write(generator, value);
            }
            byte[] result = out.toByteArray();
            out.release();
            return result;
        } finally {
            recycler.releaseToPool();
        }
    }

    /** Writes maps, lists, strings, numbers, booleans and null directly; anything else through data binding. */
    private static void write(JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case String s -> generator.writeString(s);
            case JsonObject object -> {
                generator.writeStartObject();
                for (int i = 0; i < object.size(); i++) {
                    generator.writeFieldName(object.keyAt(i));
                    write(generator, object.valueAt(i));
                }
                generator.writeEndObject();
            }
            case Map<?, ?> map -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    write(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case List<?> list -> {
                generator.writeStartArray();
                for (int i = 0, n = list.size(); i < n; i++) {
                    write(generator, list.get(i));
                }
                generator.writeEndArray();
            }
            case Integer i -> generator.writeNumber(i);
            case Long l -> generator.writeNumber(l);
            case Double d -> generator.writeNumber(d);
            case Boolean b -> generator.writeBoolean(b);
            case BigInteger b -> generator.writeNumber(b);
            case BigDecimal b -> generator.writeNumber(b);
            default -> MAPPER.writeValue(generator, value);
        }
    }
}
