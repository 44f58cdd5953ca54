package dev.storefront.users.api;

import java.util.List;
import java.util.Optional;

import dev.storefront.subgraph.security.AccessDeniedException;
import dev.storefront.subgraph.security.Caller;
import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.subgraph.types.UserError;
import dev.storefront.users.domain.Address;
import dev.storefront.users.domain.AddressRules;
import dev.storefront.users.domain.User;
import dev.storefront.users.persistence.AddressRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

/**
 * The shipping addresses of an account: {@code User.addresses} (the account itself or an admin)
 * and the mutations, which act on the caller's own addresses only. An id of another account's
 * address is answered exactly like an unknown one ({@code NOT_FOUND}), so ids cannot be probed.
 */
@GraphQLApi
@ApplicationScoped
public class AddressBook {

    private final AddressRepository addresses;
    private final CurrentCaller callers;

    @Inject
    public AddressBook(AddressRepository addresses, CurrentCaller callers) {
        this.addresses = addresses;
        this.callers = callers;
    }

    /**
     * {@code User.addresses}: one statement for the users read together (an {@code _entities}
     * batch, a page of users), one for a user read alone ({@code me}, {@code user}).
     */
    @NonNull
    @Description("Shipping addresses, the default first, then oldest first (the user themself or an admin)")
    public List<@NonNull Address> addresses(@Source User user) throws NotAuthenticatedException, AccessDeniedException {
        callers.requireSelfOrRole(user.getId(), Caller.ADMIN);
        return user.addressesReadWith().map(batch -> batch.addressesOf(user.getId()))
                .orElseGet(() -> addresses.listOf(user.getId()));
    }

    @Mutation("addAddress")
    @NonNull
    @Description("Add a shipping address (at most " + AddressRules.MAX_ADDRESSES + "); the first one is always the default."
            + " userErrors codes: INVALID_RECIPIENT, INVALID_LINE1, INVALID_LINE2, INVALID_CITY, INVALID_POSTAL_CODE,"
            + " INVALID_COUNTRY, INVALID_PHONE, TOO_MANY_ADDRESSES")
    public AddressPayload addAddress(@Name("input") @NonNull AddressForm input,
                                     @Name("makeDefault") @DefaultValue("false")
                                     @Description("Make it the default address (the previous default no longer is)") Boolean makeDefault)
            throws NotAuthenticatedException {
        String userId = callers.require().userId();
        AddressRules.Validation validation = validate(input);
        if (!validation.problems().isEmpty()) {
            return AddressPayload.failed(userErrors(validation));
        }
        return addresses.add(userId, validation.address(), Boolean.TRUE.equals(makeDefault))
                .map(AddressPayload::of)
                .orElseGet(() -> AddressPayload.failed(List.of(new UserError("TOO_MANY_ADDRESSES",
                        "An account can keep at most " + AddressRules.MAX_ADDRESSES + " addresses; remove one first"))));
    }

    @Mutation("updateAddress")
    @NonNull
    @Description("Change one of your addresses; whether it is the default stays. userErrors codes: NOT_FOUND and those of"
            + " addAddress's input")
    public AddressPayload updateAddress(@Name("id") @Id @NonNull String id, @Name("input") @NonNull AddressForm input)
            throws NotAuthenticatedException {
        String userId = callers.require().userId();
        Ids.require("id", id);
        AddressRules.Validation validation = validate(input);
        if (!validation.problems().isEmpty()) {
            return AddressPayload.failed(userErrors(validation));
        }
        return payload(addresses.update(userId, id, validation.address()), id);
    }

    @Mutation("removeAddress")
    @NonNull
    @Description("Remove one of your addresses; removing the default makes the oldest remaining one the default."
            + " userErrors codes: NOT_FOUND")
    public RemoveAddressPayload removeAddress(@Name("id") @Id @NonNull String id) throws NotAuthenticatedException {
        String userId = callers.require().userId();
        Ids.require("id", id);
        return addresses.remove(userId, id) ? RemoveAddressPayload.of(id) : RemoveAddressPayload.failed(notFound(id));
    }

    @Mutation("setDefaultAddress")
    @NonNull
    @Description("Make one of your addresses the default (the previous default no longer is). userErrors codes: NOT_FOUND")
    public AddressPayload setDefaultAddress(@Name("id") @Id @NonNull String id) throws NotAuthenticatedException {
        String userId = callers.require().userId();
        Ids.require("id", id);
        return payload(addresses.setDefault(userId, id), id);
    }

    private static AddressRules.Validation validate(AddressForm input) {
        return AddressRules.validate(input.getRecipient(), input.getLine1(), input.getLine2(), input.getCity(),
                input.getPostalCode(), input.getCountry(), input.getPhone());
    }

    private static List<UserError> userErrors(AddressRules.Validation validation) {
        return validation.problems().stream()
                .map(problem -> new UserError(problem.code(), problem.message(), "input", problem.field()))
                .toList();
    }

    private static AddressPayload payload(Optional<Address> address, String id) {
        return address.map(AddressPayload::of).orElseGet(() -> AddressPayload.failed(List.of(notFound(id))));
    }

    private static UserError notFound(String id) {
        return new UserError("NOT_FOUND", "You have no address with id " + id, "id");
    }
}
