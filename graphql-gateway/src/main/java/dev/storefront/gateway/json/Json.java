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
            Object value = value(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value");
            }
            return value;
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected JSON token " + token);
        };
    }

    private static JsonObject object(JsonParser parser) throws IOException {
        JsonObject object = new JsonObject();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            object.put(key, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            list.add(value(parser, token));
        }
        return list;
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
