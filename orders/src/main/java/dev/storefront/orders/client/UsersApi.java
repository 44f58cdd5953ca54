package dev.storefront.orders.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The users service's internal endpoints (MP REST Client); bodies are JSON text, read by {@link UsersClient}. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface UsersApi {

    @GET
    @Path("/users/{userId}/addresses/{addressId}")
    Response address(@PathParam("userId") String userId, @PathParam("addressId") String addressId);
}
