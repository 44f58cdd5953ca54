package dev.storefront.gateway.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonOutputTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    private static String written(Object value) throws IOException {
        JsonOutput out = new JsonOutput(16);
        out.value(value);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void writesEveryValueAsJacksonWritesIt() throws IOException {
        StringBuilder everyAsciiChar = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            everyAsciiChar.append(c);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("ascii", everyAsciiChar.toString());
        object.put("unicode", "Zoë ☃ 日本 \uD83D\uDED2 \u2028 é");
        object.put("key \"quoted\"\n", "value");
        object.put("int", Integer.MIN_VALUE);
        object.put("long", Long.MAX_VALUE);
        object.put("big", new BigInteger("123456789012345678901234567890"));
        object.put("decimal", new BigDecimal("1234.5000"));
        object.put("doubles", List.of(0.25, -1.0E-7, 1.0E21, 12345.678, Double.MAX_VALUE));
        object.put("flags", Arrays.asList(true, false, null));
        object.put("nested", List.of(Map.of(), List.of(), Map.of("a", List.of(1, "two", Map.of("b", 3)))));
        JsonObject compact = new JsonObject();
        compact.put("id", "p-1");
        compact.put("none", null);
        object.put("compact", compact);
        assertEquals(JACKSON.writeValueAsString(object), written(object));
        // and what it writes reads back as the same value
        assertEquals(JACKSON.readValue(JACKSON.writeValueAsString(object), Object.class),
                JACKSON.readValue(written(object), Object.class));
    }

    @Test
    void aLoneSurrogateIsWrittenAsTheReplacementCharacter() throws IOException {
        // a subgraph may send "\ud800" escaped; the response stays valid UTF-8 instead of failing whole
        assertEquals("\"a\uFFFDb\"", written("a\uD800b"));
        assertEquals("\"\uFFFD\"", written("\uDC00"));
    }

    @Test
    void aCutTakesBackWhatWasWrittenAndSeparatorsFollowWhatIsLeft() throws IOException {
        JsonOutput out = new JsonOutput(4);
        out.startObject();
        out.fieldName("a");
        out.value(1);
        out.separator();
        out.fieldName("b");
        int valueStart = out.length();
        out.startObject();
        out.fieldName("deep");
        out.value(List.of("x".repeat(100)));
        out.truncate(valueStart);
        out.nullValue();
        out.separator();
        out.fieldName("c");
        out.startArray();
        out.separator();
        out.value("first");
        out.separator();
        out.value(new ArrayList<>());
        out.endArray();
        out.endObject();
        assertEquals("{\"a\":1,\"b\":null,\"c\":[\"first\",[]]}", new String(out.toByteArray(), StandardCharsets.UTF_8));
    }
}
