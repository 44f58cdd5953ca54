package dev.storefront.orders.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The payments service's internal endpoints (MP REST Client); bodies are JSON text, read by {@link PaymentsClient}. */
@Path("/internal/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PaymentsApi {

    @PUT
    @Path("/authorizations/{idempotencyKey}")
    Response authorize(@PathParam("idempotencyKey") String idempotencyKey, String body);

    @POST
    @Path("/{paymentId}/capture")
    Response capture(@PathParam("paymentId") String paymentId, String body);

    @POST
    @Path("/{paymentId}/void")
    Response voidAuthorization(@PathParam("paymentId") String paymentId, String body);

    @POST
    @Path("/{paymentId}/refund")
    Response refund(@PathParam("paymentId") String paymentId, String body);

    @GET
    Response byOrder(@QueryParam("orderId") String orderId);
}
