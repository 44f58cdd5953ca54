package dev.storefront.users.api;

import java.util.List;

import dev.storefront.subgraph.types.UserError;
import dev.storefront.users.domain.Address;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of addAddress, updateAddress and setDefaultAddress. */
@Type("AddressPayload")
@Description("The address after the mutation, or null with userErrors saying why nothing changed")
public class AddressPayload {

    private final Address address;
    private final List<UserError> userErrors;

    private AddressPayload(Address address, List<UserError> userErrors) {
        this.address = address;
        this.userErrors = userErrors;
    }

    static AddressPayload of(Address address) {
        return new AddressPayload(address, List.of());
    }

    static AddressPayload failed(List<UserError> userErrors) {
        return new AddressPayload(null, List.copyOf(userErrors));
    }

    public Address getAddress() {
        return address;
    }

    @NonNull
    public List<@NonNull UserError> getUserErrors() {
        return userErrors;
    }
}
