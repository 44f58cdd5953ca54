package dev.storefront.orders.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The users service's internal endpoints (MP REST Client, JSON-B bodies); 404 NOT_FOUND is an {@link ErrorAnswer}. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public interface UsersApi {

    @GET
    @Path("/users/{userId}/addresses/{addressId}")
    AddressBody address(@PathParam("userId") String userId, @PathParam("addressId") String addressId);

    /** A shipping address as users keeps it. */
    record AddressBody(String recipient, String line1, String line2, String city, String postalCode, String country,
                       String phone) {
    }
}
