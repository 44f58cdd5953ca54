package dev.storefront.orders.federation;

import java.util.List;
import java.util.Map;

import dev.storefront.orders.domain.Product;
import dev.storefront.subgraph.federation.EntityResolver;
import dev.storefront.subgraph.types.Ids;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares {@code Product} an entity here (so {@code OrderItem.product} is a reference the gateway
 * resolves in the products subgraph). This subgraph knows only the key, so it echoes it back for
 * any well-formed id without a query.
 */
@ApplicationScoped
class ProductEntityResolver implements EntityResolver<Product> {

    @Override
    public String typeName() {
        return "Product";
    }

    @Override
    public List<Product> resolve(List<Map<String, Object>> representations) {
        return representations.stream()
                .map(r -> r.get("id"))
                .map(id -> Ids.isValid(id) ? new Product((String) id) : null)
                .toList();
    }
}
