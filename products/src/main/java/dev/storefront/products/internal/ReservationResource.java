package dev.storefront.products.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.storefront.products.domain.ReleaseResult;
import dev.storefront.products.domain.ReservationItem;
import dev.storefront.products.domain.ReserveResult;
import dev.storefront.products.persistence.ReservationRepository;
import dev.storefront.subgraph.types.Ids;

import io.helidon.dbclient.DbClientException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Stock reservations per order, for the checkout saga:
 * <ul>
 *     <li>{@code PUT /internal/reservations/{orderId} {"items":[{"productId","quantity"}]}}: all items or
 *     none; 200 with the reservation, 409 {@code OUT_OF_STOCK} / {@code UNKNOWN_PRODUCT} (nothing
 *     reserved), 409 {@code RESERVATION_RELEASED} (the order was released already: a late or repeated
 *     request never holds stock again), 409 {@code RESERVATION_CONFLICT} (the order holds different
 *     items). Repeating a request answers the same reservation and reserves nothing more.</li>
 *     <li>{@code DELETE /internal/reservations/{orderId}}: 200 {@code RELEASED}, restocking exactly once;
 *     404 {@code NOT_FOUND} if the order never reserved.</li>
 *     <li>{@code GET /internal/reservations/{orderId}}: 200 with the reservation, 404 {@code NOT_FOUND}
 *     (for saga recovery: did the reservation happen?).</li>
 * </ul>
 * Lines for the same product are merged. 503 {@code UNAVAILABLE} when the database fails (safe to retry).
 */
@ApplicationScoped
@Path("/internal/reservations")
public class ReservationResource {

    static final int MAX_ITEMS = 100;
    static final int MAX_QUANTITY = 10_000;

    private final ReservationRepository reservations;

    @Inject
    public ReservationResource(ReservationRepository reservations) {
        this.reservations = reservations;
    }

    @PUT
    @Path("{orderId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reserve(@PathParam("orderId") String orderId, String body) {
        List<ReservationItem> items;
        try {
            requireOrderId(orderId);
            items = items(JsonResponses.object(body));
        } catch (InvalidRequestException e) {
            return JsonResponses.badRequest(e);
        }
        ReserveResult result;
        try {
            result = reservations.reserve(orderId, items);
        } catch (DbClientException e) {
            return JsonResponses.unavailable(e);
        }
        return switch (result) {
            case ReserveResult.Reserved reserved -> JsonResponses.ok(Answers.ReservationBody.of(reserved.reservation()));
            case ReserveResult.OutOfStock out -> JsonResponses.error(Response.Status.CONFLICT,
                    Answers.ErrorBody.aboutProduct("OUT_OF_STOCK", "Only " + out.available() + " of " + out.productId()
                                    + " in stock, " + out.requested() + " requested; nothing was reserved",
                            out.productId(), out.requested(), out.available()));
            case ReserveResult.UnknownProduct unknown -> JsonResponses.error(Response.Status.CONFLICT,
                    Answers.ErrorBody.aboutProduct("UNKNOWN_PRODUCT", "No product " + unknown.productId()
                            + "; nothing was reserved", unknown.productId(), null, null));
            case ReserveResult.AlreadyReleased released -> JsonResponses.error(Response.Status.CONFLICT,
                    Answers.ErrorBody.aboutOrder("RESERVATION_RELEASED", "The reservation of order " + orderId
                            + " was released already; nothing was reserved", released.orderId(), null));
            case ReserveResult.DifferentItems different -> JsonResponses.error(Response.Status.CONFLICT,
                    Answers.ErrorBody.aboutOrder("RESERVATION_CONFLICT", "Order " + orderId
                                    + " already holds a reservation with different items; nothing changed", orderId,
                            Answers.ItemBody.of(different.existing().items())));
        };
    }

    @DELETE
    @Path("{orderId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response release(@PathParam("orderId") String orderId) {
        try {
            requireOrderId(orderId);
        } catch (InvalidRequestException e) {
            return JsonResponses.badRequest(e);
        }
        ReleaseResult result;
        try {
            result = reservations.release(orderId);
        } catch (DbClientException e) {
            return JsonResponses.unavailable(e);
        }
        return switch (result) {
            case ReleaseResult.Released released -> JsonResponses.ok(Answers.ReservationBody.released(released.orderId()));
            case ReleaseResult.NeverReserved never -> notFound(never.orderId());
        };
    }

    @GET
    @Path("{orderId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("orderId") String orderId) {
        try {
            requireOrderId(orderId);
        } catch (InvalidRequestException e) {
            return JsonResponses.badRequest(e);
        }
        try {
            return reservations.find(orderId)
                    .map(reservation -> JsonResponses.ok(Answers.ReservationBody.of(reservation)))
                    .orElseGet(() -> notFound(orderId));
        } catch (DbClientException e) {
            return JsonResponses.unavailable(e);
        }
    }

    private static Response notFound(String orderId) {
        return JsonResponses.error(Response.Status.NOT_FOUND,
                Answers.ErrorBody.aboutOrder("NOT_FOUND", "Order " + orderId + " never reserved stock", orderId, null));
    }

    private static void requireOrderId(String orderId) {
        if (!Ids.isValid(orderId)) {
            throw new InvalidRequestException("Order id is not valid: '" + orderId
                    + "' (expected 1-64 letters, digits, '-' or '_')");
        }
    }

    private static List<ReservationItem> items(JsonObject request) {
        JsonValue items = request.get("items");
        if (items == null || items.getValueType() != JsonValue.ValueType.ARRAY || items.asJsonArray().isEmpty()) {
            throw new InvalidRequestException("'items' must be a non-empty array of {productId, quantity}");
        }
        if (items.asJsonArray().size() > MAX_ITEMS) {
            throw new InvalidRequestException("'items' may hold at most " + MAX_ITEMS + " lines, had "
                    + items.asJsonArray().size());
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < items.asJsonArray().size(); i++) {
            String at = "items[" + i + "]";
            if (!(items.asJsonArray().get(i) instanceof JsonObject item)) {
                throw new InvalidRequestException("'" + at + "' must be an object {productId, quantity}");
            }
            if (!(item.get("productId") instanceof JsonString productId) || !Ids.isValid(productId.getString())) {
                throw new InvalidRequestException("'" + at + ".productId' must be a product id");
            }
            if (!(item.get("quantity") instanceof JsonNumber quantity) || !quantity.isIntegral()
                    || quantity.bigIntegerValue().signum() <= 0
                    || quantity.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(MAX_QUANTITY)) > 0) {
                throw new InvalidRequestException("'" + at + ".quantity' must be a whole number from 1 to " + MAX_QUANTITY);
            }
            quantities.merge(productId.getString(), quantity.intValue(), Integer::sum);
        }
        return quantities.entrySet().stream().map(e -> new ReservationItem(e.getKey(), e.getValue())).toList();
    }
}
