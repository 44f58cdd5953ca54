package dev.storefront.users.internal;

import java.util.Optional;

import dev.storefront.subgraph.types.Ids;
import dev.storefront.users.domain.Address;
import dev.storefront.users.persistence.AddressRepository;

import io.helidon.dbclient.DbClientException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
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
            return json(Response.Status.SERVICE_UNAVAILABLE,
                    new ErrorBody("UNAVAILABLE", "The users database is unavailable; retry later"));
        }
        if (found.isEmpty()) {
            return json(Response.Status.NOT_FOUND,
                    new ErrorBody("NOT_FOUND", "Account " + userId + " has no address " + addressId));
        }
        Address address = found.get();
        return json(Response.Status.OK, new AddressBody(address.getId(), address.getRecipient(), address.getLine1(),
                address.getLine2(), address.getCity(), address.getPostalCode(), address.getCountry(), address.getPhone()));
    }

    /** An address as orders copies it; the optional fields are written as {@code null} when empty. */
    @JsonbNillable
    @JsonbPropertyOrder({"id", "recipient", "line1", "line2", "city", "postalCode", "country", "phone"})
    public record AddressBody(String id, String recipient, String line1, String line2, String city, String postalCode,
                              String country, String phone) {
    }

    /** An error answer. */
    @JsonbPropertyOrder({"code", "message"})
    public record ErrorBody(String code, String message) {
    }

    private static Response json(Response.Status status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
