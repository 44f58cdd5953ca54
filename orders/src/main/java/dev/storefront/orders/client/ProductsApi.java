package dev.storefront.orders.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The products service's internal endpoints (MP REST Client, JSON-B bodies). A 4xx answer is an
 * {@link ErrorAnswer} ({@code {"code","message"}}; 409 OUT_OF_STOCK adds {@link OutOfStock#productId}).
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ProductsApi {

    @POST
    @Path("/products/lookup")
    List<ProductBody> lookup(Lookup request);

    @PUT
    @Path("/reservations/{orderId}")
    ReservationBody reserve(@PathParam("orderId") String orderId, Reservation request);

    @DELETE
    @Path("/reservations/{orderId}")
    ReservationBody release(@PathParam("orderId") String orderId);

    /** @param ids the products wanted */
    record Lookup(List<String> ids) {
    }

    /** A product as looked up (fields orders does not use are left out). */
    record ProductBody(String id, String name, MoneyBody price, Integer stock) {
    }

    /** @param items what to hold, all or none */
    record Reservation(List<Item> items) {

        /** One line of a reservation. */
        public record Item(String productId, int quantity) {
        }
    }

    /** A reservation's state after the call (RESERVED, RELEASED). */
    record ReservationBody(String orderId, String status) {
    }

    /** 409 OUT_OF_STOCK: the first item there is not enough of. */
    record OutOfStock(String code, String message, String productId) {
    }
}
