package dev.storefront.users.internal;

import java.util.Optional;

import dev.storefront.subgraph.types.Ids;
import dev.storefront.users.domain.Address;
import dev.storefront.users.persistence.AddressRepository;

import io.helidon.dbclient.DbClientException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /internal/users/{userId}/addresses/{addressId}}: an account's shipping address, for
 * the orders checkout to copy onto an order. 404 {@code NOT_FOUND} when that account has no such
 * address (another account's address included, and malformed ids), 503 when the database fails.
 */
@ApplicationScoped
@Path("/internal/users")
public class AddressLookupResource {

    private static final System.Logger LOGGER = System.getLogger(AddressLookupResource.class.getName());

    private final AddressRepository addresses;

    @Inject
    public AddressLookupResource(AddressRepository addresses) {
        this.addresses = addresses;
    }

    @GET
    @Path("{userId}/addresses/{addressId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response address(@PathParam("userId") String userId, @PathParam("addressId") String addressId) {
        Optional<Address> found;
        try {
            found = Ids.isValid(userId) && Ids.isValid(addressId) ? addresses.find(userId, addressId) : Optional.empty();
        } catch (DbClientException e) {
            // the caller may retry: say so instead of a 500; the cause goes to the log, not to the caller
            LOGGER.log(System.Logger.Level.WARNING, "Database failure answered with 503", e);
            return json(Response.Status.SERVICE_UNAVAILABLE, Json.createObjectBuilder()
                    .add("code", "UNAVAILABLE")
                    .add("message", "The users database is unavailable; retry later"));
        }
        if (found.isEmpty()) {
            return json(Response.Status.NOT_FOUND, Json.createObjectBuilder()
                    .add("code", "NOT_FOUND")
                    .add("message", "Account " + userId + " has no address " + addressId));
        }
        Address address = found.get();
        return json(Response.Status.OK, Json.createObjectBuilder()
                .add("id", address.getId())
                .add("recipient", address.getRecipient())
                .add("line1", address.getLine1())
                .add("line2", nullable(address.getLine2()))
                .add("city", address.getCity())
                .add("postalCode", address.getPostalCode())
                .add("country", address.getCountry())
                .add("phone", nullable(address.getPhone())));
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }

    private static Response json(Response.Status status, JsonObjectBuilder body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body.build().toString()).build();
    }
}
