package dev.storefront.products.persistence;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.products.domain.Product;
import dev.storefront.products.domain.ProductPosition;
import dev.storefront.products.domain.ProductRules;
import dev.storefront.products.domain.ProductSearch;
import dev.storefront.products.domain.ProductSort;
import dev.storefront.subgraph.database.Placeholders;
import dev.storefront.subgraph.database.SqlErrors;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.types.Money;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Products table access. */
@ApplicationScoped
public class ProductRepository {

    static final String COLUMNS = "id, sku, name, description, price_minor, currency, stock, created_at";
    /** How {@link ProductPosition#key()} of the NEWEST sort spells a creation time (UTC, as stored). */
    public static final DateTimeFormatter CREATED_AT_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** LIKE escape character: not special in either server's string literals, unlike backslash. */
    private static final char LIKE_ESCAPE = '!';

    private final DbClient db;

    @Inject
    public ProductRepository(DbClient db) {
        this.db = db;
    }

    public Optional<Product> findById(String id) {
        return db.execute().createNamedGet("product-by-id", "SELECT " + COLUMNS + " FROM products WHERE id = ?")
                .addParam(id)
                .execute()
                .map(ProductRepository::toProduct);
    }

    public Optional<Product> findBySku(String sku) {
        return db.execute().createNamedGet("product-by-sku", "SELECT " + COLUMNS + " FROM products WHERE sku = ?")
                .addParam(sku)
                .execute()
                .map(ProductRepository::toProduct);
    }

    /**
     * Products by id, in one statement however many ids.
     *
     * @param ids ids (duplicates allowed)
     * @return found products by id
     */
    public Map<String, Product> findByIds(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return db.execute()
                .createNamedQuery("products-by-ids",
                        "SELECT " + COLUMNS + " FROM products WHERE id IN (" + Placeholders.forEach(distinct) + ")")
                .params(List.copyOf(distinct))
                .execute()
                .map(ProductRepository::toProduct)
                .collect(Collectors.toMap(Product::getId, Function.identity()));
    }

    /**
     * Products by SKU, in one statement however many SKUs.
     *
     * @param skus canonical SKUs (duplicates allowed)
     * @return found products by SKU
     */
    public Map<String, Product> findBySkus(Collection<String> skus) {
        List<String> distinct = skus.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return db.execute()
                .createNamedQuery("products-by-skus",
                        "SELECT " + COLUMNS + " FROM products WHERE sku IN (" + Placeholders.forEach(distinct) + ")")
                .params(List.copyOf(distinct))
                .execute()
                .map(ProductRepository::toProduct)
                .collect(Collectors.toMap(Product::getSku, Function.identity()));
    }

    /**
     * A page of matching products in the given order (keyset pagination: the page starts after
     * {@code after}, compared on the sort key and then the id, exactly as the rows are ordered).
     *
     * @param search criteria
     * @param sort   order of the listing
     * @param after  position after which to start (of the same sort), or {@code null}
     * @param limit  maximum rows
     * @return products
     */
    public List<Product> page(ProductSearch search, ProductSort sort, ProductPosition after, int limit) {
        if (after != null && after.sort() != sort) {
            throw new IllegalArgumentException("Position of sort " + after.sort() + " used for sort " + sort);
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM products WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (after != null) {
            // expanded rather than a row comparison (a, id) > (?, ?), which older optimisers scan for
            switch (sort) {
                case ID -> {
                    sql.append(" AND id > ?");
                    params.add(after.id());
                }
                case NAME -> keyset(sql, params, "name", ">", after.key(), ">", after.id());
                case PRICE_ASC -> keyset(sql, params, "price_minor", ">", after.key(), ">", after.id());
                case PRICE_DESC -> keyset(sql, params, "price_minor", "<", after.key(), ">", after.id());
                case NEWEST -> keyset(sql, params, "created_at", "<", after.key(), "<", after.id());
            }
        }
        if (search.text() != null) {
            // LOWER on both sides: case-insensitive whatever the column collation
            sql.append(" AND (LOWER(name) LIKE ? ESCAPE '!' OR LOWER(description) LIKE ? ESCAPE '!'"
                    + " OR LOWER(sku) LIKE ? ESCAPE '!')");
            String pattern = "%" + escapeLike(search.text().toLowerCase(Locale.ROOT)) + "%";
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        if (search.minPriceMinor() != null) {
            sql.append(" AND price_minor >= ?");
            params.add(search.minPriceMinor());
        }
        if (search.maxPriceMinor() != null) {
            sql.append(" AND price_minor <= ?");
            params.add(search.maxPriceMinor());
        }
        if (search.inStock() != null) {
            sql.append(search.inStock() ? " AND stock > 0" : " AND stock = 0");
        }
        sql.append(switch (sort) {
            case ID -> " ORDER BY id";
            case NAME -> " ORDER BY name, id";
            case PRICE_ASC -> " ORDER BY price_minor, id";
            // ties by ascending id, as in every other order but NEWEST
            case PRICE_DESC -> " ORDER BY price_minor DESC, id";
            case NEWEST -> " ORDER BY created_at DESC, id DESC";
        });
        sql.append(" LIMIT ?");
        params.add(limit);
        return db.execute()
                .createNamedQuery("products-page-" + sort.name().toLowerCase(Locale.ROOT), sql.toString())
                .params(params)
                .execute()
                .map(ProductRepository::toProduct)
                .toList();
    }

    /** {@code AND (column <op> key OR (column = key AND id <idOp> id))}: rows after (key, id). */
    private static void keyset(StringBuilder sql, List<Object> params, String column, String op, Object key,
                               String idOp, String id) {
        sql.append(" AND (").append(column).append(' ').append(op).append(" ? OR (")
                .append(column).append(" = ? AND id ").append(idOp).append(" ?))");
        params.add(key);
        params.add(key);
        params.add(id);
    }

    /**
     * Add a product.
     *
     * @param product the product, with a new id
     * @throws DuplicateSkuException when its SKU is taken
     */
    public void insert(Product product) {
        LocalDateTime now = UtcTimes.now();
        try {
            db.execute().createNamedInsert("product-insert",
                            "INSERT INTO products (id, sku, name, description, price_minor, currency, stock, created_at, updated_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(product.getId(), product.getSku(), product.getName(), product.getDescription(),
                            product.getPrice().getAmountMinor(), product.getPrice().getCurrency(), product.getStock(),
                            now, now)
                    .execute();
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new DuplicateSkuException(product.getSku());
            }
            throw e;
        }
    }

    /**
     * Change a product's descriptive fields and price; stock changes only through
     * {@link #adjustStock} and reservations, so a concurrent reservation is never overwritten.
     *
     * @param product the product with its new values
     * @return whether the product exists
     * @throws DuplicateSkuException when its new SKU is taken
     */
    public boolean updateDetails(Product product) {
        try {
            return db.execute().createNamedUpdate("product-update",
                            "UPDATE products SET sku = ?, name = ?, description = ?, price_minor = ?, currency = ?, updated_at = ?"
                                    + " WHERE id = ?")
                    .params(product.getSku(), product.getName(), product.getDescription(),
                            product.getPrice().getAmountMinor(), product.getPrice().getCurrency(),
                            UtcTimes.now(), product.getId())
                    .execute() > 0;
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                throw new DuplicateSkuException(product.getSku());
            }
            throw e;
        }
    }

    /**
     * Add {@code delta} units (negative to remove) in one atomic conditional update: the result
     * stays within 0..{@link ProductRules#MAX_STOCK} however many adjustments and reservations race.
     *
     * @param id    product id
     * @param delta units to add
     * @return whether the stock changed (false: no such product, or the result would be out of range)
     */
    public boolean adjustStock(String id, int delta) {
        return db.execute().createNamedUpdate("product-adjust-stock",
                        "UPDATE products SET stock = stock + ?, updated_at = ? WHERE id = ? AND stock + ? >= 0 AND stock + ? <= ?")
                .params(delta, UtcTimes.now(), id, delta, delta, ProductRules.MAX_STOCK)
                .execute() > 0;
    }

    private static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                escaped.append(LIKE_ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    static Product toProduct(DbRow row) {
        return new Product(
                row.column("id").get(String.class),
                row.column("sku").get(String.class),
                row.column("name").get(String.class),
                row.column("description").get(String.class),
                new Money(row.column("price_minor").get(Integer.class), row.column("currency").get(String.class)),
                row.column("stock").get(Integer.class),
                UtcTimes.iso(row, "created_at"));
    }
}
