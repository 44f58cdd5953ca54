package dev.storefront.subgraph.federation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The subgraph's JSON: every value graphql-java puts in a result written in field order; requests read as graphql-java takes variables. */
class SubgraphJsonTest {

    private enum Status { PAID }

    @Test
    void writesEveryKindOfResultValueInFieldOrder() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "order-1");
        order.put("quantity", 3);
        order.put("amountMinor", 12_345_678_901L);
        order.put("big", new BigInteger("123456789012345678901234567890"));
        order.put("rate", 0.25);
        order.put("price", new BigDecimal("19.99"));
        order.put("paid", true);
        order.put("status", Status.PAID);
        order.put("note", "line \"one\"\nline two ✓");
        order.put("shippedAt", null);
        order.put("items", List.of(Map.of("sku", "a"), Map.of("sku", "b")));
        order.put("tags", Arrays.asList("x", null));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("data", Map.of("order", order));
        result.put("errors", List.of(Map.of("message", "partial", "path", List.of("order", 0, "items"))));

        byte[] json = GraphQlJson.write(result);
        JsonObject parsed = Json.createReader(new ByteArrayInputStream(json)).readObject();
        JsonObject written = parsed.getJsonObject("data").getJsonObject("order");

        assertThat(List.copyOf(written.keySet()), is(List.copyOf(order.keySet())));
        assertThat(written.getString("id"), is("order-1"));
        assertThat(written.getInt("quantity"), is(3));
        assertThat(written.getJsonNumber("amountMinor").longValueExact(), is(12_345_678_901L));
        assertThat(written.getJsonNumber("big").bigIntegerValueExact(), is(new BigInteger("123456789012345678901234567890")));
        assertThat(written.getJsonNumber("rate").doubleValue(), is(0.25));
        assertThat(written.getJsonNumber("price").bigDecimalValue(), is(new BigDecimal("19.99")));
        assertThat(written.getBoolean("paid"), is(true));
        assertThat(written.getString("status"), is("PAID"));
        assertThat(written.getString("note"), is("line \"one\"\nline two ✓"));
        assertThat(written.isNull("shippedAt"), is(true));
        assertThat(written.getJsonArray("items").getJsonObject(1).getString("sku"), is("b"));
        assertThat(written.getJsonArray("tags").isNull(1), is(true));
        assertThat(parsed.getJsonArray("errors").getJsonObject(0).getJsonArray("path").getInt(1), is(0));
    }

    @Test
    void readsARequestAsGraphQlJavaTakesVariables() throws Exception {
        Map<String, Object> body = GraphQlJson.readObject(("{\"query\":\"{ a }\",\"variables\":{\"n\":3,\"big\":12345678901,"
                + "\"rate\":0.5,\"ok\":true,\"none\":null,\"ids\":[\"a\",{\"k\":\"✓\"}]},\"operationName\":null}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(List.copyOf(body.keySet()), is(List.of("query", "variables", "operationName")));
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) body.get("variables");
        assertThat(variables.get("n"), is(3));
        assertThat(variables.get("big"), is(new BigDecimal("12345678901")));
        assertThat(variables.get("rate"), is(0.5));
        assertThat(variables.get("ok"), is(true));
        assertThat(variables.containsKey("none") && variables.get("none") == null, is(true));
        assertThat(variables.get("ids"), is(List.of("a", Map.of("k", "✓"))));
    }

    @Test
    void tellsTextThatIsNotJsonFromJsonThatIsNotAnObject() {
        for (String notJson : List.of("", "{\"query\":", "{} trailing", "{}{}", "[1, 2", "nope")) {
            var e = assertThrows(GraphQlJson.NotAnObjectException.class,
                    () -> GraphQlJson.readObject(notJson.getBytes(StandardCharsets.UTF_8)), notJson);
            assertThat(notJson, e.syntax(), is(true));
        }
        for (String notAnObject : List.of("[1, 2]", "\"query\"", "42", "null")) {
            var e = assertThrows(GraphQlJson.NotAnObjectException.class,
                    () -> GraphQlJson.readObject(notAnObject.getBytes(StandardCharsets.UTF_8)), notAnObject);
            assertThat(notAnObject, e.syntax(), is(false));
        }
    }
}
