package dev.storefront.products.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.products.domain.Product;
import dev.storefront.products.persistence.ProductRepository;
import dev.storefront.subgraph.federation.EntityResolver;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resolves {@code Product} references from other subgraphs (e.g. the products of order items),
 * a whole batch in one query. Key: {@code id} only; the shared federation bridge declares one key
 * per entity type.
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
}
