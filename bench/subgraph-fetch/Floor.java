// The floor of the subgraph stack under one fetch: the same web server (Helidon SE 4.1.2), pool
// (HikariCP), driver (Connector/J), JSON library (Jackson core) and SQL as the services, and
// nothing else: no GraphQL parsing, validation or execution, no CDI, no token verification, no
// metrics or filters. It answers two of the captured fetches byte for byte as the services do:
//   users  DeepHistory__users__2    _entities User { name email }      (one statement)
//   orders OrderHistory__orders__1  _entities User { orders(first: 20) { ... items ... } } (one statement)
// Whatever a service spends above this floor is what the GraphQL stack and its plumbing cost,
// and the floor is what no change short of leaving the stack can cut.
// A third mode, orders-graphql, answers the orders fetch through graphql-java 22.1 itself (the
// engine MP GraphQL runs on), still without MP GraphQL, CDI or Helidon's DB client: a schema of just
// the fetched types, maps as objects (graphql-java's fastest property path), parsed documents
// cached, the same plain JDBC read. It is the floor of any subgraph that executes with graphql-java.
// Measured with `FLOOR=1 run ab` (the run script's header); results in bench/results/subgraph-fetch-cpu.md.
// Run (source-file mode, the service's own libraries):
//   java -cp 'orders/target/libs/*' bench/subgraph-fetch/Floor.java PORT JDBC_URL users|orders|orders-graphql
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

public class Floor {
    static final JsonFactory JSON = new JsonFactory();
    static HikariDataSource pool;

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[1]);
        config.setUsername("root");
        config.setMaximumPoolSize(10);
        pool = new HikariDataSource(config);
        io.helidon.webserver.http.Handler handler = switch (args[2]) {
            case "users" -> Floor::users;
            case "orders" -> Floor::orders;
            case "orders-graphql" -> new OrdersThroughGraphQl()::handle;
            default -> throw new IllegalArgumentException(args[2]);
        };
        WebServer.builder().port(Integer.parseInt(args[0]))
                .routing(r -> r.post("/graphql", handler)
                        .get("/health/ready", (req, res) -> res.send("ok")))
                .build().start();
    }

    /** The representations' ids from the request body {"query": ..., "variables": {"representations": [{"__typename", "id"}]}}. */
    static List<String> ids(byte[] body) throws Exception {
        List<String> ids = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && p.currentName().equals("id")) {
                    ids.add(p.nextTextValue());
                }
            }
        }
        return ids;
    }

    static void send(ServerResponse res, ByteArrayOutputStream out) {
        res.header(HeaderNames.CONTENT_TYPE, "application/graphql-response+json");
        res.send(out.toByteArray());
    }

    static void users(ServerRequest req, ServerResponse res) throws Exception {
        List<String> ids = ids(req.content().as(byte[].class));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (Connection c = pool.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, email, name, role, created_at FROM users WHERE id IN (?)")) {
            s.setString(1, ids.get(0));
            try (ResultSet rows = s.executeQuery(); JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeObjectFieldStart("data");
                g.writeArrayFieldStart("_entities");
                while (rows.next()) {
                    g.writeStartObject();
                    g.writeStringField("name", rows.getString(3));
                    g.writeStringField("email", rows.getString(2));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        send(res, out);
    }

    static void orders(ServerRequest req, ServerResponse res) throws Exception {
        List<String> ids = ids(req.content().as(byte[].class));
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(ORDERS_SQL)) {
            s.setString(1, ids.get(0));
            s.setInt(2, 20);
            try (ResultSet rows = s.executeQuery(); JsonGenerator g = JSON.createGenerator(out)) {
                writeOrders(rows, g);
            }
        }
        send(res, out);
    }

    static final String ORDERS_SQL = "SELECT ranked.id, ranked.user_id, ranked.status, ranked.total_minor, ranked.currency, ranked.tracking_number,"
                + " ranked.payment_id, ranked.failure_code, ranked.created_at, i.product_id, i.quantity, i.unit_price_minor,"
                + " i.currency AS item_currency FROM (SELECT id, user_id, status, total_minor, currency, tracking_number,"
                + " payment_id, failure_code, created_at, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY created_at, id) AS row_in_user"
                + " FROM orders WHERE user_id IN (?)) ranked LEFT JOIN order_items i ON i.order_id = ranked.id"
                + " WHERE ranked.row_in_user <= ? ORDER BY ranked.user_id, ranked.row_in_user, i.line_no";

    static void writeOrders(ResultSet rows, JsonGenerator g) throws Exception {
        g.writeStartObject();
        g.writeObjectFieldStart("data");
        g.writeArrayFieldStart("_entities");
        g.writeStartObject();
        g.writeObjectFieldStart("orders");
        g.writeStringField("__typename", "OrderConnection");
        g.writeArrayFieldStart("edges");
        String current = null;
        while (rows.next()) {
            String id = rows.getString(1);
            if (!id.equals(current)) {
                if (current != null) {
                    g.writeEndArray();
                    g.writeEndObject();
                    g.writeEndObject();
                }
                current = id;
                g.writeStartObject();
                g.writeStringField("__typename", "OrderEdge");
                g.writeObjectFieldStart("node");
                g.writeStringField("__typename", "Order");
                g.writeStringField("id", id);
                g.writeStringField("status", rows.getString(3));
                Timestamp created = rows.getTimestamp(9);
                g.writeStringField("createdAt", created.toLocalDateTime().toInstant(ZoneOffset.UTC).toString());
                g.writeObjectFieldStart("total");
                g.writeStringField("__typename", "Money");
                g.writeNumberField("amountMinor", rows.getInt(4));
                g.writeStringField("currency", rows.getString(5));
                g.writeEndObject();
                g.writeArrayFieldStart("items");
            }
            String product = rows.getString(10);
            if (product != null) {
                int quantity = rows.getInt(11);
                int unit = rows.getInt(12);
                g.writeStartObject();
                g.writeStringField("__typename", "OrderItem");
                g.writeNumberField("quantity", quantity);
                g.writeObjectFieldStart("unitPrice");
                g.writeStringField("__typename", "Money");
                g.writeNumberField("amountMinor", unit);
                g.writeStringField("currency", rows.getString(13));
                g.writeEndObject();
                g.writeObjectFieldStart("lineTotal");
                g.writeStringField("__typename", "Money");
                g.writeNumberField("amountMinor", unit * quantity);
                g.writeEndObject();
                g.writeObjectFieldStart("product");
                g.writeStringField("__typename", "Product");
                g.writeStringField("id", product);
                g.writeEndObject();
                g.writeEndObject();
            }
        }
        if (current != null) {
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The orders fetch executed by graphql-java over maps read with plain JDBC. */
    static final class OrdersThroughGraphQl {
        static final String SDL = """
                scalar _Any
                union _Entity = User
                type Query { _entities(representations: [_Any!]!): [_Entity]! }
                type User { id: ID! orders(first: Int): OrderConnection! }
                type OrderConnection { edges: [OrderEdge!]! }
                type OrderEdge { node: Order! }
                enum OrderStatus { PENDING PAID SHIPPED DELIVERED PAYMENT_FAILED CANCELLED }
                type Order { id: ID! status: OrderStatus! createdAt: String! total: Money! items: [OrderItem!]! }
                type Money { amountMinor: Int! currency: String }
                type OrderItem { quantity: Int! unitPrice: Money! lineTotal: Money! product: Product! }
                type Product { id: ID! }
                """;
        final GraphQL graphQl;
        final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

        OrdersThroughGraphQl() {
            GraphQLScalarType any = GraphQLScalarType.newScalar().name("_Any").coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value) {
                    return value;
                }

                @Override
                public Object parseValue(Object value) {
                    return value;
                }

                @Override
                public Object parseLiteral(Object value) {
                    throw new UnsupportedOperationException();
                }
            }).build();
            DataFetcher<Object> entities = env -> env.<List<Map<String, Object>>>getArgument("representations").stream()
                    .map(rep -> (Object) Map.of("id", rep.get("id"))).toList();
            DataFetcher<Object> orders = env -> ordersOf(env.<Map<String, Object>>getSource().get("id").toString(),
                    env.<Integer>getArgumentOrDefault("first", 20));
            RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().scalar(any)
                    .type("Query", t -> t.dataFetcher("_entities", entities))
                    .type("User", t -> t.dataFetcher("orders", orders))
                    .type("_Entity", t -> t.typeResolver(env -> (GraphQLObjectType) env.getSchema().getType("User")))
                    .build();
            GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring);
            PreparsedDocumentProvider cache = new PreparsedDocumentProvider() {
                @Override
                public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                        java.util.function.Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
                    return CompletableFuture.completedFuture(documents.computeIfAbsent(input.getQuery(), q -> parseAndValidate.apply(input)));
                }
            };
            graphQl = GraphQL.newGraphQL(schema).preparsedDocumentProvider(cache).build();
        }

        static Map<String, Object> ordersOf(String userId, int first) throws Exception {
            List<Object> edges = new ArrayList<>();
            try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(ORDERS_SQL)) {
                s.setString(1, userId);
                s.setInt(2, first);
                try (ResultSet rows = s.executeQuery()) {
                    String current = null;
                    List<Object> items = null;
                    while (rows.next()) {
                        String id = rows.getString(1);
                        if (!id.equals(current)) {
                            current = id;
                            items = new ArrayList<>();
                            Map<String, Object> order = new LinkedHashMap<>();
                            order.put("id", id);
                            order.put("status", rows.getString(3));
                            order.put("createdAt", rows.getTimestamp(9).toLocalDateTime().toInstant(ZoneOffset.UTC).toString());
                            order.put("total", Map.of("amountMinor", rows.getInt(4), "currency", rows.getString(5)));
                            order.put("items", items);
                            edges.add(Map.of("node", order));
                        }
                        String product = rows.getString(10);
                        if (product != null) {
                            int quantity = rows.getInt(11);
                            int unit = rows.getInt(12);
                            items.add(Map.of("quantity", quantity,
                                    "unitPrice", Map.of("amountMinor", unit, "currency", rows.getString(13)),
                                    "lineTotal", Map.of("amountMinor", unit * quantity),
                                    "product", Map.of("id", product)));
                        }
                    }
                }
            }
            return Map.of("edges", edges);
        }

        void handle(ServerRequest req, ServerResponse res) throws Exception {
            Map<String, Object> body;
            try (JsonParser p = JSON.createParser(req.content().as(byte[].class))) {
                p.nextToken();
                @SuppressWarnings("unchecked")
                Map<String, Object> read = (Map<String, Object>) read(p);
                body = read;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) body.get("variables");
            ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput()
                    .query((String) body.get("query")).variables(variables).build());
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            try (JsonGenerator g = JSON.createGenerator(out)) {
                write(result.toSpecification(), g);
            }
            send(res, out);
        }

        static Object read(JsonParser p) throws Exception {
            switch (p.currentToken()) {
                case START_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        map.put(name, read(p));
                    }
                    return map;
                }
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(read(p));
                    }
                    return list;
                }
                case VALUE_STRING -> {
                    return p.getText();
                }
                case VALUE_NUMBER_INT -> {
                    return p.getNumberValue();
                }
                case VALUE_NUMBER_FLOAT -> {
                    return p.getDoubleValue();
                }
                case VALUE_TRUE -> {
                    return true;
                }
                case VALUE_FALSE -> {
                    return false;
                }
                default -> {
                    return null;
                }
            }
        }

        static void write(Object value, JsonGenerator g) throws Exception {
            if (value instanceof Map<?, ?> map) {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    g.writeFieldName(e.getKey().toString());
                    write(e.getValue(), g);
                }
                g.writeEndObject();
            } else if (value instanceof List<?> list) {
                g.writeStartArray();
                for (Object element : list) {
                    write(element, g);
                }
                g.writeEndArray();
            } else if (value instanceof String string) {
                g.writeString(string);
            } else if (value instanceof Integer number) {
                g.writeNumber(number);
            } else if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value.toString());
            }
        }
    }
}
