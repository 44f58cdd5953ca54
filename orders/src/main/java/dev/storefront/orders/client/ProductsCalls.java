package dev.storefront.orders.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.storefront.orders.domain.OrderItem;
import dev.storefront.subgraph.types.Money;

/** What each answer of products' internal contract means to orders; the calls {@link ProductsClient} makes under fault tolerance. */
final class ProductsCalls {

    private static final String SERVICE = ProductsClient.SERVICE_NAME;

    private ProductsCalls() {
    }

    static Map<String, ProductSnapshot> lookup(ProductsApi api, List<String> ids) {
        List<ProductsApi.ProductBody> products;
        try {
            products = InternalCall.call(SERVICE, "product lookup", () -> api.lookup(new ProductsApi.Lookup(ids)), 0);
        } catch (ErrorAnswer e) {
            throw e.unexpected(SERVICE);
        }
        if (products == null) {
            throw new UnexpectedResponseException(SERVICE + " answered the product lookup without a list");
        }
        Map<String, ProductSnapshot> found = new LinkedHashMap<>();
        for (ProductsApi.ProductBody product : products) {
            Money price = product == null || product.price() == null ? null : product.price().toMoney();
            if (price == null || product.id() == null) {
                throw new UnexpectedResponseException(SERVICE + " answered the product lookup with " + product);
            }
            found.put(product.id(), new ProductSnapshot(product.id(), product.name() == null ? "" : product.name(), price,
                    product.stock() == null ? 0 : product.stock()));
        }
        return found;
    }

    static ReservationOutcome reserve(ProductsApi api, String orderId, List<OrderItem> items) {
        ProductsApi.Reservation request = new ProductsApi.Reservation(
                items.stream().map(item -> new ProductsApi.Reservation.Item(item.productId(), item.quantity())).toList());
        try {
            InternalCall.call(SERVICE, "reservation of " + orderId, () -> api.reserve(orderId, request), 0);
            return new ReservationOutcome.Reserved();
        } catch (ErrorAnswer e) {
            if (e.status() != 409) {
                throw e.unexpected(SERVICE);
            }
            if ("OUT_OF_STOCK".equals(e.code())) {
                ProductsApi.OutOfStock shortItem = e.body(ProductsApi.OutOfStock.class);
                String productId = shortItem == null || shortItem.productId() == null ? "" : shortItem.productId();
                return new ReservationOutcome.OutOfStock(productId, e.message(SERVICE));
            }
            return new ReservationOutcome.Refused(e.code(), e.message(SERVICE));
        }
    }

    static boolean release(ProductsApi api, String orderId) {
        try {
            InternalCall.call(SERVICE, "release of " + orderId, () -> api.release(orderId), 0);
            return true;
        } catch (ErrorAnswer e) {
            if (e.status() == 404) {
                return false;
            }
            throw e.unexpected(SERVICE);
        }
    }
}
