package dev.storefront.products.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.products.domain.Product;
import dev.storefront.products.domain.ProductRules;
import dev.storefront.products.persistence.ProductRepository;
import dev.storefront.subgraph.federation.EntityKey;
import dev.storefront.subgraph.federation.EntityResolver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code Product} references from other subgraphs (e.g. the products of order items),
 * a whole batch in one query per key. Keys: {@code id}, and {@code sku} for subgraphs that know a
 * product by its SKU (case-insensitive, like {@code productBySku}); a representation carrying
 * both is resolved by id.
 */
@ApplicationScoped
class ProductEntityResolver implements EntityResolver<Product> {

    private final ProductRepository products;

    @Inject
    ProductEntityResolver(ProductRepository products) {
        this.products = products;
    }

    @Override
    public String typeName() {
        return "Product";
    }

    @Override
    public List<Product> resolve(List<Map<String, Object>> representations) {
        return EntityResolver.resolveByIds(representations, products::findByIds);
    }

    @Override
    public List<EntityKey<Product>> additionalKeys() {
        return List.of(new EntityKey<>("sku", this::resolveBySkus));
    }

    private List<Product> resolveBySkus(List<Map<String, Object>> representations) {
        return EntityResolver.resolveByField(representations, "sku", ProductEntityResolver::canonicalSku, products::findBySkus);
    }

    /** @return the SKU as stored, or {@code null} when the value is not a well-formed SKU */
    private static String canonicalSku(Object sku) {
        String canonical = sku instanceof String s ? ProductRules.canonicalSku(s) : null;
        return ProductRules.isValidSku(canonical) ? canonical : null;
    }
}
