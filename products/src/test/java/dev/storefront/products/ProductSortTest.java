package dev.storefront.products;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/**
 * {@code products(sort: ...)}: paging through every sort, with and without filters, a few products
 * at a time gives exactly the whole sorted list (no repeats, none missing, ties broken by id), and
 * a cursor of one sort is refused by another. The demo catalogue plus products that tie with it on
 * name, price and creation time (some with milliseconds), and a name holding the cursor's separator.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class ProductSortTest {

    private static final String PAGE = "query($first: Int, $after: String, $filter: ProductFilterInput, $sort: ProductSort) {"
            + " products(first: $first, after: $after, filter: $filter, sort: $sort) {"
            + " edges { cursor node { id name price { amountMinor } stock createdAt } } pageInfo { hasNextPage endCursor } } }";
    private static final List<String> SORTS = List.of("ID", "NAME", "PRICE_ASC", "PRICE_DESC", "NEWEST");
    private static final Map<String, Comparator<Row>> ORDERS = Map.of(
            "ID", Comparator.comparing(Row::id),
            "NAME", Comparator.comparing((Row r) -> r.name().toLowerCase(Locale.ROOT)).thenComparing(Row::id),
            "PRICE_ASC", Comparator.comparingInt(Row::price).thenComparing(Row::id),
            "PRICE_DESC", Comparator.comparingInt(Row::price).reversed().thenComparing(Row::id),
            "NEWEST", Comparator.comparing(Row::createdAt).thenComparing(Row::id).reversed());

    private GraphQlClient client;

    @BeforeAll
    static void addProductsThatTie() throws Exception {
        FreshDatabaseExtension.execute("INSERT INTO products (id, sku, name, description, price_minor, currency, stock, created_at, updated_at)"
                + " VALUES"
                // same name (but for case), price and creation time as prod-09 Camp Stove
                + " ('prod-t1', 'TIE-001', 'camp stove', 'Tie on everything', 5499, 'EUR', 3, '2026-01-02 09:00:00.000', '2026-01-02 09:00:00.000'),"
                + " ('prod-t2', 'TIE-002', 'Camp Stove', 'Tie on name and price', 5499, 'EUR', 0, '2026-03-01 12:00:00.250', '2026-03-01 12:00:00.250'),"
                // the cursor separator in a name; the newest product, by 500 ms
                + " ('prod-t3', 'TIE-003', 'Zip | Bag', 'Separator in the name', 999, 'EUR', 7, '2026-03-01 12:00:00.750', '2026-03-01 12:00:00.750'),"
                // same creation time, to the millisecond, as prod-t2
                + " ('prod-t4', 'TIE-004', 'Zip | Bag', 'Tie on time with prod-t2', 999, 'EUR', 7, '2026-03-01 12:00:00.250', '2026-03-01 12:00:00.250')");
    }

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer();
    }

    @Test
    void createdAtIsIsoUtcWithMilliseconds() {
        assertThat(string(client.query("{ product(id: \"prod-01\") { createdAt } }"), "data.product.createdAt"), is("2026-01-02T09:00:00Z"));
        assertThat(string(client.query("{ product(id: \"prod-t3\") { createdAt } }"), "data.product.createdAt"), is("2026-03-01T12:00:00.750Z"));
    }

    @Test
    void everySortPagedInSmallPagesIsTheWholeSortedList() {
        List<Row> all = rows(listing(100, null, null, "ID"));
        assertThat(all.size(), is(28));
        List<Map<String, Object>> filters = new ArrayList<>();
        filters.add(null);
        filters.add(Map.of("text", "camp"));
        filters.add(Map.of("minPrice", 1999, "maxPrice", 12999));
        filters.add(Map.of("inStock", true, "maxPrice", 6000));
        List<String> wrong = new ArrayList<>();
        for (String sort : SORTS) {
            for (Map<String, Object> filter : filters) {
                Predicate<Row> matches = matcher(filter);
                List<String> expected = all.stream().filter(matches).sorted(ORDERS.get(sort)).map(Row::id).toList();
                List<String> inOnePage = rows(listing(100, null, filter, sort)).stream().map(Row::id).toList();
                for (int size : new int[] {1, 3, 5}) {
                    List<String> paged = pageThrough(size, filter, sort);
                    if (!paged.equals(expected)) {
                        wrong.add(sort + " " + filter + " pages of " + size + ": " + paged + "\n    expected " + expected);
                    }
                }
                if (!inOnePage.equals(expected)) {
                    wrong.add(sort + " " + filter + " in one page: " + inOnePage + "\n    expected " + expected);
                }
            }
        }
        assertThat(String.join("\n", wrong), wrong.isEmpty(), is(true));
    }

    @Test
    void tiesAreBrokenById() {
        List<String> byName = rows(listing(100, null, Map.of("text", "stove"), "NAME")).stream().map(Row::id).toList();
        assertThat(byName, is(List.of("prod-09", "prod-t1", "prod-t2")));
        List<String> newest = rows(listing(4, null, null, "NEWEST")).stream().map(Row::id).toList();
        // prod-t2 and prod-t4 share their time to the millisecond: the higher id first
        assertThat(newest.subList(0, 3), is(List.of("prod-t3", "prod-t4", "prod-t2")));
        List<String> cheapest = rows(listing(100, null, Map.of("text", "zip | bag"), "PRICE_ASC")).stream().map(Row::id).toList();
        assertThat(cheapest, is(List.of("prod-t3", "prod-t4")));
        List<String> dearest = rows(listing(100, null, Map.of("minPrice", 5499, "maxPrice", 5499), "PRICE_DESC")).stream().map(Row::id).toList();
        assertThat(dearest, is(List.of("prod-09", "prod-t1", "prod-t2")));
        // sort left out: id order, as before sorts existed
        assertThat(rows(listing(3, null, null, null)).stream().map(Row::id).toList(), is(List.of("prod-01", "prod-02", "prod-03")));
    }

    @Test
    void sortLeftOutOrNullIsIdOrder() {
        List<String> firstThree = List.of("prod-01", "prod-02", "prod-03");
        assertThat(ids(client.query("{ products(first: 3) { edges { node { id } } } }")), is(firstThree));
        assertThat(ids(client.query("{ products(first: 3, sort: null) { edges { node { id } } } }")), is(firstThree));
        Map<String, Object> nullSort = new HashMap<>();
        nullSort.put("sort", null);
        assertThat(ids(client.query("query($sort: ProductSort) { products(first: 3, sort: $sort) { edges { node { id } } } }", nullSort)),
                is(firstThree));
        assertThat(ids(client.query("{ products(first: 3, sort: PRICE_DESC) { edges { node { id } } } }")),
                is(List.of("prod-07", "prod-08", "prod-03")));
        // the schema says so
        assertThat(ids(client.query("{ products(first: 1, sort: NEWEST) { edges { node { id } } } }")), is(List.of("prod-t3")));
        JsonObject argument = client.query("{ __type(name: \"Query\") { fields { name args { name defaultValue type { name } } } } }");
        String sortArgument = at(argument, "data.__type.fields").asJsonArray().stream()
                .filter(f -> string(f, "name").equals("products"))
                .flatMap(f -> at(f, "args").asJsonArray().stream())
                .filter(a -> string(a, "name").equals("sort"))
                .findFirst().orElseThrow().toString();
        assertThat(sortArgument, is("{\"name\":\"sort\",\"defaultValue\":\"ID\",\"type\":{\"name\":\"ProductSort\"}}"));
    }

    private static List<String> ids(JsonObject response) {
        JsonValue edges = at(response, "data.products.edges");
        if (edges == JsonValue.NULL) {
            throw new AssertionError("No products in response: " + response);
        }
        return edges.asJsonArray().stream().map(edge -> string(edge, "node.id")).toList();
    }

    @Test
    void aCursorOfAnotherSortIsAClearError() {
        String nameCursor = string(listing(2, null, null, "NAME"), "data.products.pageInfo.endCursor");
        JsonObject mismatched = listing(2, nameCursor, null, "PRICE_ASC");
        assertThat(at(mismatched, "data"), is(JsonValue.NULL));
        assertThat(string(mismatched, "errors.0.message"), is("Argument 'after' is a cursor of the products sorted by NAME,"
                + " but this listing is sorted by PRICE_ASC: page through one sort with its own cursors"
                + " (leave 'after' out to start this sort from its first page)"));
        assertThat(string(mismatched, "errors.0.extensions.code"), is("BAD_USER_INPUT"));
        assertThat(at(mismatched, "errors.0.path").toString(), is("[\"products\"]"));

        // an id-order cursor (also those handed out before sorts existed) is one of sort ID
        String idCursor = string(listing(2, null, null, "ID"), "data.products.pageInfo.endCursor");
        assertThat(string(listing(2, idCursor, null, "NEWEST"), "errors.0.message"),
                is("Argument 'after' is a cursor of the products sorted by ID, but this listing is sorted by NEWEST:"
                        + " page through one sort with its own cursors (leave 'after' out to start this sort from its first page)"));
        assertThat(string(listing(2, nameCursor, null, null), "errors.0.message"),
                is("Argument 'after' is a cursor of the products sorted by NAME, but this listing is sorted by ID:"
                        + " page through one sort with its own cursors (leave 'after' out to start this sort from its first page)"));
        // the same sort accepts it
        assertThat(rows(listing(2, nameCursor, null, "NAME")).size(), is(2));

        // cursors that look like ours but are not
        for (String key : List.of("PRICE_ASC|cheap|prod-01", "NEWEST|yesterday|prod-01", "NAME|Camp Stove", "ID|prod-01",
                "PRICE_DESC|100|bad id", "SIDEWAYS|1|prod-01")) {
            String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("cursor:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String sort = key.substring(0, key.indexOf('|'));
            JsonObject refused = listing(2, forged, null, SORTS.contains(sort) ? sort : "ID");
            assertThat(key, string(refused, "errors.0.message"), is("Argument 'after' is not a valid cursor: " + forged));
        }
    }

    /** Every id of a listing, following endCursor page by page. */
    private List<String> pageThrough(int size, Map<String, Object> filter, String sort) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 100; pages++) {
            JsonObject page = listing(size, after, filter, sort);
            rows(page).forEach(r -> ids.add(r.id()));
            if (at(page, "data.products.pageInfo.hasNextPage") != JsonValue.TRUE) {
                return ids;
            }
            after = string(page, "data.products.pageInfo.endCursor");
        }
        throw new AssertionError("More than 100 pages of " + sort + " " + filter + ": " + ids);
    }

    private JsonObject listing(int first, String after, Map<String, Object> filter, String sort) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", first);
        if (after != null) {
            variables.put("after", after);
        }
        if (filter != null) {
            variables.put("filter", filter);
        }
        if (sort != null) {
            variables.put("sort", sort);
        }
        return client.query(PAGE, variables);
    }

    private static List<Row> rows(JsonObject response) {
        JsonValue edges = at(response, "data.products.edges");
        if (edges == JsonValue.NULL) {
            throw new AssertionError("No products in response: " + response);
        }
        return edges.asJsonArray().stream().map(edge -> new Row(string(edge, "node.id"), string(edge, "node.name"),
                Integer.parseInt(string(edge, "node.price.amountMinor")), Integer.parseInt(string(edge, "node.stock")),
                java.time.Instant.parse(string(edge, "node.createdAt")))).toList();
    }

    /** The filter, applied in Java (text: name only suffices for the words used here). */
    private static Predicate<Row> matcher(Map<String, Object> filter) {
        if (filter == null) {
            return r -> true;
        }
        return r -> (!filter.containsKey("text") || r.name().toLowerCase(Locale.ROOT).contains((String) filter.get("text")))
                && (!filter.containsKey("minPrice") || r.price() >= (Integer) filter.get("minPrice"))
                && (!filter.containsKey("maxPrice") || r.price() <= (Integer) filter.get("maxPrice"))
                && (!filter.containsKey("inStock") || (r.stock() > 0) == (Boolean) filter.get("inStock"));
    }

    private record Row(String id, String name, int price, int stock, java.time.Instant createdAt) {
    }
}
