package dev.storefront.orders.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The products service's internal endpoints (MP REST Client); bodies are JSON text, read by {@link ProductsClient}. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ProductsApi {

    @POST
    @Path("/products/lookup")
    Response lookup(String body);

    @PUT
    @Path("/reservations/{orderId}")
    Response reserve(@PathParam("orderId") String orderId, String body);

    @DELETE
    @Path("/reservations/{orderId}")
    Response release(@PathParam("orderId") String orderId);
}
