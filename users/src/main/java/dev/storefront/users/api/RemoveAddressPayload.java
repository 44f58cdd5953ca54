package dev.storefront.users.api;

import java.util.List;

import dev.storefront.subgraph.types.UserError;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of removeAddress. */
@Type("RemoveAddressPayload")
@Description("The id of the removed address, or null with userErrors (NOT_FOUND)")
public class RemoveAddressPayload {

    private final String removedAddressId;
    private final List<UserError> userErrors;

    private RemoveAddressPayload(String removedAddressId, List<UserError> userErrors) {
        this.removedAddressId = removedAddressId;
        this.userErrors = userErrors;
    }

    static RemoveAddressPayload of(String removedAddressId) {
        return new RemoveAddressPayload(removedAddressId, List.of());
    }

    static RemoveAddressPayload failed(UserError userError) {
        return new RemoveAddressPayload(null, List.of(userError));
    }

    @Id
    public String getRemovedAddressId() {
        return removedAddressId;
    }

    @NonNull
    public List<@NonNull UserError> getUserErrors() {
        return userErrors;
    }
}
