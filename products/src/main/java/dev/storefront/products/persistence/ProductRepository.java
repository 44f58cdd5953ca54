package dev.storefront.products.persistence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.products.domain.Product;
import dev.storefront.products.domain.ProductRules;
import dev.storefront.products.domain.ProductSearch;
import dev.storefront.subgraph.types.Money;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Products table access. */
@ApplicationScoped
public class ProductRepository {

    static final String COLUMNS = "id, sku, name, description, price_minor, currency, stock";

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
        String placeholders = distinct.stream().map(id -> "?").collect(Collectors.joining(", "));
        return db.execute()
                .createNamedQuery("products-by-ids", "SELECT " + COLUMNS + " FROM products WHERE id IN (" + placeholders + ")")
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
        String placeholders = distinct.stream().map(sku -> "?").collect(Collectors.joining(", "));
        return db.execute()
                .createNamedQuery("products-by-skus", "SELECT " + COLUMNS + " FROM products WHERE sku IN (" + placeholders + ")")
                .params(List.copyOf(distinct))
                .execute()
                .map(ProductRepository::toProduct)
                .collect(Collectors.toMap(Product::getSku, Function.identity()));
    }

    /**
     * A page of matching products in id order (keyset pagination).
     *
     * @param search  criteria
     * @param afterId id after which to start, or {@code null}
     * @param limit   maximum rows
     * @return products
     */
    public List<Product> page(ProductSearch search, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM products WHERE id > ?");
        List<Object> params = new ArrayList<>();
        params.add(afterId == null ? "" : afterId);
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
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit);
        return db.execute()
                .createNamedQuery("products-page", sql.toString())
                .params(params)
                .execute()
                .map(ProductRepository::toProduct)
                .toList();
    }

    /**
     * Add a product.
     *
     * @param product the product, with a new id
     * @throws DuplicateSkuException when its SKU is taken
     */
    public void insert(Product product) {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
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
                            LocalDateTime.now(ZoneOffset.UTC), product.getId())
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
                .params(delta, LocalDateTime.now(ZoneOffset.UTC), id, delta, delta, ProductRules.MAX_STOCK)
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
                row.column("stock").get(Integer.class));
    }
}
