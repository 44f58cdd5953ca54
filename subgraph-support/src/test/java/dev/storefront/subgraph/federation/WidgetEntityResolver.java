package dev.storefront.subgraph.federation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@link Widget}s by three keys, in this order: {@code id}, {@code code} (one scalar each)
 * and {@code shelf bin} (composite); each key is one named statement per batch, which
 * {@link MultiKeyEntitiesTest} counts. The table {@code widgets} is created by the test ({@link #createWidgets()}).
 */
@ApplicationScoped
public class WidgetEntityResolver implements EntityResolver<Widget> {

    private static final String COLUMNS = "id, code, shelf, bin";

    private final DbClient db;

    @Inject
    public WidgetEntityResolver(DbClient db) {
        this.db = db;
    }

    /** Creates and fills the test database's {@code widgets}: w-00..w-59, code C-nn, on shelf S-(nn/10) in bin B-(nn%10). */
    static void createWidgets() throws java.sql.SQLException {
        dev.storefront.subgraph.testing.FreshDatabaseExtension.execute("CREATE TABLE widgets (id VARCHAR(64) NOT NULL PRIMARY KEY,"
                + " code VARCHAR(32) NOT NULL UNIQUE, shelf VARCHAR(8) NOT NULL, bin VARCHAR(8) NOT NULL,"
                + " CONSTRAINT widgets_place_unique UNIQUE (shelf, bin))");
        StringBuilder insert = new StringBuilder("INSERT INTO widgets (id, code, shelf, bin) VALUES ");
        for (int i = 0; i < 60; i++) {
            insert.append(i == 0 ? "" : ", ").append(String.format("('w-%02d', 'C-%02d', 'S-%d', 'B-%d')", i, i, i / 10, i % 10));
        }
        dev.storefront.subgraph.testing.FreshDatabaseExtension.execute(insert.toString());
    }

    @Override
    public String typeName() {
        return "Widget";
    }

    @Override
    public List<Widget> resolve(List<Map<String, Object>> representations) {
        return EntityResolver.resolveByIds(representations, ids -> findIn("widgets-by-ids", "id", ids));
    }

    @Override
    public List<EntityKey<Widget>> additionalKeys() {
        return List.of(
                new EntityKey<>("code", representations -> EntityResolver.resolveByField(representations, "code",
                        code -> code instanceof String s ? s : null, codes -> findIn("widgets-by-codes", "code", codes))),
                new EntityKey<>("shelf bin", this::resolveByPlace));
    }

    private List<Widget> resolveByPlace(List<Map<String, Object>> representations) {
        List<String> places = representations.stream().map(r -> r.get("shelf") + "/" + r.get("bin")).toList();
        String rows = places.stream().map(p -> "(?, ?)").collect(Collectors.joining(", "));
        List<Object> params = representations.stream().flatMap(r -> java.util.stream.Stream.of(r.get("shelf"), r.get("bin"))).toList();
        Map<String, Widget> found = db.execute()
                .createNamedQuery("widgets-by-places", "SELECT " + COLUMNS + " FROM widgets WHERE (shelf, bin) IN (" + rows + ")")
                .params(params)
                .execute()
                .map(WidgetEntityResolver::toWidget)
                .collect(Collectors.toMap(w -> w.getShelf() + "/" + w.getBin(), Function.identity()));
        return places.stream().map(found::get).toList();
    }

    private Map<String, Widget> findIn(String statement, String column, List<String> values) {
        String placeholders = values.stream().map(v -> "?").collect(Collectors.joining(", "));
        return db.execute()
                .createNamedQuery(statement, "SELECT " + COLUMNS + " FROM widgets WHERE " + column + " IN (" + placeholders + ")")
                .params(List.copyOf(values))
                .execute()
                .map(WidgetEntityResolver::toWidget)
                .collect(Collectors.toMap(w -> "id".equals(column) ? w.getId() : w.getCode(), Function.identity()));
    }

    private static Widget toWidget(DbRow row) {
        return new Widget(row.column("id").get(String.class), row.column("code").get(String.class),
                row.column("shelf").get(String.class), row.column("bin").get(String.class));
    }
}
