package dev.storefront.orders.client;

import java.util.List;

import jakarta.json.bind.JsonbException;

/**
 * The products service's internal endpoints ({@code /internal}, JSON-B bodies). A 4xx answer is an
 * {@link ErrorAnswer} ({@code {"code","message"}}; 409 OUT_OF_STOCK adds {@link OutOfStock#productId}).
 * A failed exchange is an {@link java.io.UncheckedIOException}, an answer that is not the contract's
 * JSON a {@link JsonbException}.
 */
public final class ProductsApi {

    private static final java.lang.reflect.Type PRODUCTS = new ListOf(ProductBody.class);

    private final InternalHttp http;

    ProductsApi(InternalHttp http) {
        this.http = http;
    }

    List<ProductBody> lookup(Lookup request) {
        return http.exchange("POST", "/products/lookup", "/products/lookup", request, PRODUCTS);
    }

    ReservationBody reserve(String orderId, Reservation request) {
        return http.exchange("PUT", "/reservations/{orderId}", "/reservations/" + InternalHttp.segment(orderId), request,
                ReservationBody.class);
    }

    ReservationBody release(String orderId) {
        return http.exchange("DELETE", "/reservations/{orderId}", "/reservations/" + InternalHttp.segment(orderId), null,
                ReservationBody.class);
    }

    /** @param ids the products wanted */
    public record Lookup(List<String> ids) {
    }

    /** A product as looked up (fields orders does not use are left out). */
    public record ProductBody(String id, String name, MoneyBody price, Integer stock) {
    }

    /** @param items what to hold, all or none */
    public record Reservation(List<Item> items) {

        /** One line of a reservation. */
        public record Item(String productId, int quantity) {
        }
    }

    /** A reservation's state after the call (RESERVED, RELEASED). */
    public record ReservationBody(String orderId, String status) {
    }

    /** 409 OUT_OF_STOCK: the first item there is not enough of. */
    public record OutOfStock(String code, String message, String productId) {
    }
}
