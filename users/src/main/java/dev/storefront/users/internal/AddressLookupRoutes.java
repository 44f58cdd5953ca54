package dev.storefront.users.internal;

import java.util.Optional;

import dev.storefront.subgraph.internal.JsonRoutes;
import dev.storefront.subgraph.internal.JsonRoutes.Answer;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.users.domain.Address;
import dev.storefront.users.persistence.AddressRepository;

import io.helidon.microprofile.server.RoutingPath;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * {@code GET /internal/users/{userId}/addresses/{addressId}}: an account's shipping address, for
 * the orders checkout to copy onto an order. 404 {@code NOT_FOUND} when that account has no such
 * address (another account's address included, and malformed ids), 503 when the database fails.
 */
@ApplicationScoped
@RoutingPath("/internal/users")
public class AddressLookupRoutes implements HttpService {

    private final AddressRepository addresses;

    @Inject
    public AddressLookupRoutes(AddressRepository addresses) {
        this.addresses = addresses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{userId}/addresses/{addressId}",
                        JsonRoutes.json(this::address, JsonRoutes.unavailableWhenTheDatabaseFails("users")))
                .any("/{userId}/addresses/{addressId}", JsonRoutes.methodNotAllowed("GET"));
    }

    private Answer address(ServerRequest request) {
        String userId = JsonRoutes.pathParameter(request, "userId");
        String addressId = JsonRoutes.pathParameter(request, "addressId");
        Optional<Address> found = Ids.isValid(userId) && Ids.isValid(addressId)
                ? addresses.find(userId, addressId)
                : Optional.empty();
        if (found.isEmpty()) {
            return Answer.error(404, "NOT_FOUND", "Account " + userId + " has no address " + addressId);
        }
        Address address = found.get();
        return Answer.ok(new AddressBody(address.getId(), address.getRecipient(), address.getLine1(),
                address.getLine2(), address.getCity(), address.getPostalCode(), address.getCountry(), address.getPhone()));
    }

    /** An address as orders copies it; the optional fields are written as {@code null} when empty. */
    @JsonbNillable
    @JsonbPropertyOrder({"id", "recipient", "line1", "line2", "city", "postalCode", "country", "phone"})
    public record AddressBody(String id, String recipient, String line1, String line2, String city, String postalCode,
                              String country, String phone) {
    }
}
