package dev.storefront.products.internal;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.storefront.products.domain.ReleaseResult;
import dev.storefront.products.domain.ReservationItem;
import dev.storefront.products.domain.ReserveResult;
import dev.storefront.products.persistence.ReservationRepository;
import dev.storefront.subgraph.internal.JsonRoutes;
import dev.storefront.subgraph.internal.JsonRoutes.Answer;
import dev.storefront.subgraph.internal.JsonRoutes.Refusal;
import dev.storefront.subgraph.types.Ids;

import io.helidon.microprofile.server.RoutingPath;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

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
@RoutingPath("/internal/reservations")
public class ReservationRoutes implements HttpService {

    static final int MAX_ITEMS = 100;
    static final int MAX_QUANTITY = 10_000;
    private static final int CONFLICT = 409;
    private static final Function<RuntimeException, Answer> FAILURES = JsonRoutes.unavailableWhenTheDatabaseFails("products");

    private final ReservationRepository reservations;

    @Inject
    public ReservationRoutes(ReservationRepository reservations) {
        this.reservations = reservations;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/{orderId}", JsonRoutes.json(this::reserve, FAILURES))
                .delete("/{orderId}", JsonRoutes.json(this::release, FAILURES))
                .get("/{orderId}", JsonRoutes.json(this::find, FAILURES))
                .any("/{orderId}", JsonRoutes.methodNotAllowed("PUT, DELETE, GET"));
    }

    private Answer reserve(ServerRequest request) {
        String orderId = orderId(request);
        List<ReservationItem> items = items(JsonRoutes.object(request));
        return switch (reservations.reserve(orderId, items)) {
            case ReserveResult.Reserved reserved -> Answer.ok(Answers.ReservationBody.of(reserved.reservation()));
            case ReserveResult.OutOfStock out -> Answer.of(CONFLICT,
                    Answers.ErrorBody.aboutProduct("OUT_OF_STOCK", "Only " + out.available() + " of " + out.productId()
                                    + " in stock, " + out.requested() + " requested; nothing was reserved",
                            out.productId(), out.requested(), out.available()));
            case ReserveResult.UnknownProduct unknown -> Answer.of(CONFLICT,
                    Answers.ErrorBody.aboutProduct("UNKNOWN_PRODUCT", "No product " + unknown.productId()
                            + "; nothing was reserved", unknown.productId(), null, null));
            case ReserveResult.AlreadyReleased released -> Answer.of(CONFLICT,
                    Answers.ErrorBody.aboutOrder("RESERVATION_RELEASED", "The reservation of order " + orderId
                            + " was released already; nothing was reserved", released.orderId(), null));
            case ReserveResult.DifferentItems different -> Answer.of(CONFLICT,
                    Answers.ErrorBody.aboutOrder("RESERVATION_CONFLICT", "Order " + orderId
                                    + " already holds a reservation with different items; nothing changed", orderId,
                            Answers.ItemBody.of(different.existing().items())));
        };
    }

    private Answer release(ServerRequest request) {
        return switch (reservations.release(orderId(request))) {
            case ReleaseResult.Released released -> Answer.ok(Answers.ReservationBody.released(released.orderId()));
            case ReleaseResult.NeverReserved never -> notFound(never.orderId());
        };
    }

    private Answer find(ServerRequest request) {
        String orderId = orderId(request);
        return reservations.find(orderId)
                .map(reservation -> Answer.ok(Answers.ReservationBody.of(reservation)))
                .orElseGet(() -> notFound(orderId));
    }

    private static Answer notFound(String orderId) {
        return Answer.of(404,
                Answers.ErrorBody.aboutOrder("NOT_FOUND", "Order " + orderId + " never reserved stock", orderId, null));
    }

    private static String orderId(ServerRequest request) {
        String orderId = JsonRoutes.pathParameter(request, "orderId");
        if (!Ids.isValid(orderId)) {
            throw Refusal.invalid("Order id is not valid: '" + orderId + "' (expected 1-64 letters, digits, '-' or '_')");
        }
        return orderId;
    }

    private static List<ReservationItem> items(JsonObject request) {
        JsonValue items = request.get("items");
        if (items == null || items.getValueType() != JsonValue.ValueType.ARRAY || items.asJsonArray().isEmpty()) {
            throw Refusal.invalid("'items' must be a non-empty array of {productId, quantity}");
        }
        List<JsonValue> lines = items.asJsonArray();
        if (lines.size() > MAX_ITEMS) {
            throw Refusal.invalid("'items' may hold at most " + MAX_ITEMS + " lines, had " + lines.size());
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String at = "items[" + i + "]";
            if (!(lines.get(i) instanceof JsonObject item)) {
                throw Refusal.invalid("'" + at + "' must be an object {productId, quantity}");
            }
            if (!(item.get("productId") instanceof JsonString productId) || !Ids.isValid(productId.getString())) {
                throw Refusal.invalid("'" + at + ".productId' must be a product id");
            }
            if (!(item.get("quantity") instanceof JsonNumber quantity) || !quantity.isIntegral()
                    || quantity.bigIntegerValue().signum() <= 0
                    || quantity.bigIntegerValue().compareTo(BigInteger.valueOf(MAX_QUANTITY)) > 0) {
                throw Refusal.invalid("'" + at + ".quantity' must be a whole number from 1 to " + MAX_QUANTITY);
            }
            quantities.merge(productId.getString(), quantity.intValue(), Integer::sum);
        }
        return quantities.entrySet().stream().map(e -> new ReservationItem(e.getKey(), e.getValue())).toList();
    }
}
