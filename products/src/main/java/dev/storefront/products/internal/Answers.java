package dev.storefront.products.internal;

import java.util.List;

import dev.storefront.products.domain.Product;
import dev.storefront.products.domain.Reservation;
import dev.storefront.products.domain.ReservationItem;
import dev.storefront.subgraph.types.Money;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The bodies of the internal contract's answers, written by JSON-B (fields in the order given,
 * absent when {@code null}; public, for JSON-B). Orders reads them with its own records (orders' {@code ProductsApi}).
 */
public final class Answers {

    private Answers() {
    }

    /** An amount in minor units. */
    public record MoneyBody(int amountMinor, String currency) {
        static MoneyBody of(Money money) {
            return new MoneyBody(money.getAmountMinor(), money.getCurrency());
        }
    }

    /** A product as the lookup answers it. */
    @JsonbPropertyOrder({"id", "sku", "name", "price", "stock"})
    public record ProductBody(String id, String sku, String name, MoneyBody price, int stock) {
        static ProductBody of(Product product) {
            return new ProductBody(product.getId(), product.getSku(), product.getName(), MoneyBody.of(product.getPrice()),
                    product.getStock());
        }
    }

    /** One line of a reservation. */
    @JsonbPropertyOrder({"productId", "quantity"})
    public record ItemBody(String productId, int quantity) {
        static List<ItemBody> of(List<ReservationItem> items) {
            return items.stream().map(item -> new ItemBody(item.productId(), item.quantity())).toList();
        }
    }

    /** A reservation (items absent when released). */
    @JsonbPropertyOrder({"orderId", "status", "items"})
    public record ReservationBody(String orderId, String status, List<ItemBody> items) {
        static ReservationBody of(Reservation reservation) {
            return new ReservationBody(reservation.orderId(), reservation.status().name(), ItemBody.of(reservation.items()));
        }

        static ReservationBody released(String orderId) {
            return new ReservationBody(orderId, "RELEASED", null);
        }
    }

    /**
     * Every error answer: {@code code} and {@code message}, and what the code is about (the fields
     * it does not use are left out).
     */
    @JsonbPropertyOrder({"code", "message", "productId", "requested", "available", "orderId", "items"})
    public record ErrorBody(String code, String message, String productId, Integer requested, Integer available, String orderId,
                     List<ItemBody> items) {

        static ErrorBody of(String code, String message) {
            return new ErrorBody(code, message, null, null, null, null, null);
        }

        static ErrorBody aboutProduct(String code, String message, String productId, Integer requested, Integer available) {
            return new ErrorBody(code, message, productId, requested, available, null, null);
        }

        static ErrorBody aboutOrder(String code, String message, String orderId, List<ItemBody> items) {
            return new ErrorBody(code, message, null, null, null, orderId, items);
        }
    }
}
