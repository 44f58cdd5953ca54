package dev.storefront.gateway.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static final String ANSWER = "{\"data\":{\"_entities\":[{\"__typename\":\"Order\",\"id\":\"o-1\",\"total\":"
            + "{\"amountMinor\":129900,\"currency\":\"EUR\"},\"big\":12345678901,\"huge\":123456789012345678901234567890,"
            + "\"ratio\":0.25,\"flag\":true,\"none\":null,\"name\":\"Zoë \\\"quoted\\\" \\u2603\",\"tags\":[1,\"two\",[3],{}]},"
            + "null]},\"errors\":[{\"message\":\"x\",\"path\":[\"_entities\",1]}]}";

    @Test
    void largeObjectsNestedObjectsAndRepeatedKeysReadAsJacksonReadsThem() throws IOException {
        // entries are gathered per object on one stack: nesting, objects past the gathered size and a
        // repeated key (the last value wins, at the first one's place) must all come out as a map would
        StringBuilder json = new StringBuilder("{\"a\":{\"x\":1,\"y\":{\"z\":[{\"k\":2},{}]},\"x\":3},\"wide\":{");
        for (int i = 0; i < 40; i++) {
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":{\"n\":").append(i).append('}');
        }
        json.append(",\"f3\":\"again\"},\"b\":[{\"c\":null}],\"a\":{\"last\":true}}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        Object compact = Json.read(bytes);
        assertEquals(JACKSON.readValue(bytes, Object.class), compact);
        assertEquals(JACKSON.writeValueAsString(JACKSON.readValue(bytes, Object.class)), new String(Json.bytes(compact), StandardCharsets.UTF_8));
        Map<?, ?> wide = (Map<?, ?>) ((Map<?, ?>) compact).get("wide");
        assertEquals(40, wide.size());
        assertEquals("again", wide.get("f3"));
        assertEquals(Map.of("n", 39), wide.get("f39"));
    }

    @Test
    void readsWhatJacksonsUntypedBindingReadsAndWritesItBackTheSame() throws IOException {
        Object compact = Json.read(ANSWER.getBytes(StandardCharsets.UTF_8));
        Object jackson = JACKSON.readValue(ANSWER, Object.class);
        // the same values of the same classes (Integer, Long, BigInteger, Double, Boolean, null), in the same order
        assertEquals(jackson, compact);
        assertEquals(JACKSON.writeValueAsString(jackson), new String(Json.bytes(compact), StandardCharsets.UTF_8));
        Map<?, ?> entity = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) compact).get("data")).get("_entities")).get(0);
        assertInstanceOf(JsonObject.class, entity);
        assertInstanceOf(Integer.class, ((Map<?, ?>) entity.get("total")).get("amountMinor"));
        assertInstanceOf(Long.class, entity.get("big"));
        assertInstanceOf(BigInteger.class, entity.get("huge"));
        assertEquals(List.of("__typename", "id", "total", "big", "huge", "ratio", "flag", "none", "name", "tags"),
                new ArrayList<>(entity.keySet()));
        assertTrue(entity.containsKey("none"));
        assertNull(entity.get("none"));
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        for (String bad : List.of("", "   ", "{", "{\"a\":1} {}", "[1,]", "{\"a\" 1}", "nul")) {
            assertThrows(IOException.class, () -> Json.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void jsonObjectIsAnInsertionOrderedMapEqualToAnyOther() {
        JsonObject object = new JsonObject(1);
        Map<String, Object> reference = new LinkedHashMap<>();
        // past the scan limit a hash index takes over: the same answers either way
        for (int i = 0; i < 40; i++) {
            object.put("k" + i, i);
            reference.put("k" + i, i);
        }
        object.put("k3", "replaced");
        reference.put("k3", "replaced");
        assertEquals(reference, object);
        assertEquals(object, reference);
        assertEquals(reference.hashCode(), object.hashCode());
        assertEquals(new ArrayList<>(reference.keySet()), new ArrayList<>(object.keySet()));
        assertEquals("replaced", object.remove("k3"));
        reference.remove("k3");
        for (int i = 0; i < 30; i++) {
            object.remove("k" + i);
            reference.remove("k" + i);
        }
        assertEquals(reference, object);
        assertEquals(10, object.size());
        assertEquals(39, object.get("k39"));
        assertFalse(object.containsKey("k3"));
        // entry views write through, and remove through the iterator
        for (Iterator<Map.Entry<String, Object>> it = object.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> entry = it.next();
            if (entry.getKey().equals("k30")) {
                it.remove();
            } else {
                entry.setValue("v");
            }
        }
        assertEquals(9, object.size());
        assertFalse(object.containsKey("k30"));
        assertEquals("v", object.get("k31"));
        assertEquals("k31", object.keyAt(0));
        object.clear();
        assertTrue(object.isEmpty());
        object.put("again", 1);
        assertEquals(Map.of("again", 1), object);
    }

    @Test
    void writesOtherValuesThroughDataBinding() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("float", 1.5f);
        value.put("set", new java.util.TreeSet<>(List.of("b", "a")));
        value.put("nested", Map.of("x", List.of(true, false)));
        assertEquals(JACKSON.writeValueAsString(value), new String(Json.bytes(value), StandardCharsets.UTF_8));
    }
}
