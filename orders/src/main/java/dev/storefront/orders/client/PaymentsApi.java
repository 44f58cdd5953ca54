package dev.storefront.orders.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The payments service's internal endpoints (MP REST Client, JSON-B bodies). A 4xx answer, and the
 * authorization's 504 PROVIDER_TIMEOUT, is an {@link ErrorAnswer} ({@code {"code","message"}}; 402
 * and 504 add {@link Failure#paymentId}).
 */
@Path("/internal/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PaymentsApi {

    @PUT
    @Path("/authorizations/{idempotencyKey}")
    PaymentState authorize(@PathParam("idempotencyKey") String idempotencyKey, Authorization request);

    @POST
    @Path("/{paymentId}/capture")
    PaymentState capture(@PathParam("paymentId") String paymentId, NoBody request);

    @POST
    @Path("/{paymentId}/void")
    PaymentState voidAuthorization(@PathParam("paymentId") String paymentId, NoBody request);

    @POST
    @Path("/{paymentId}/refund")
    PaymentState refund(@PathParam("paymentId") String paymentId, Refund request);

    @GET
    List<PaymentBody> byOrder(@QueryParam("orderId") String orderId);

    /** A hold on a card for an order. */
    record Authorization(String orderId, String userId, MoneyBody amount, String method, String cardNumber) {
    }

    /** A refund; its key makes a repeated refund count once. */
    record Refund(MoneyBody amount, String idempotencyKey) {
    }

    /** The empty object capture and void are sent with. */
    record NoBody() {
        static final NoBody INSTANCE = new NoBody();
    }

    /** Where a payment stands after a call. */
    record PaymentState(String paymentId, String status) {
    }

    /** 402 (declined) and 504 (provider timeout): the payment that records it. */
    record Failure(String code, String message, String paymentId, String status) {
    }

    /** A payment of an order (fields orders does not use are left out). */
    record PaymentBody(String paymentId, String status, MoneyBody amount, MoneyBody capturedAmount, MoneyBody refundedAmount) {
    }
}
