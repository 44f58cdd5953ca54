package dev.storefront.users.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A shipping address on an account. */
@Type("Address")
@Description("A shipping address on the account")
public class Address {

    private String id;
    private String userId;
    private AddressDetails details;
    private boolean isDefault;

    public Address() {
    }

    public Address(String id, String userId, AddressDetails details, boolean isDefault) {
        this.id = id;
        this.userId = userId;
        this.details = details;
        this.isDefault = isDefault;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    /** @return the owning account's id (not a GraphQL field: not a getter) */
    public String userId() {
        return userId;
    }

    /** @return the address's parts (not a GraphQL field: not a getter) */
    public AddressDetails details() {
        return details;
    }

    @NonNull
    @Description("The person's name, 1-100 characters")
    public String getRecipient() {
        return details.recipient();
    }

    @NonNull
    @Description("Street and number, 1-200 characters")
    public String getLine1() {
        return details.line1();
    }

    @Description("More of the address (apartment, floor...), 1-200 characters, or null")
    public String getLine2() {
        return details.line2();
    }

    @NonNull
    @Description("1-100 characters")
    public String getCity() {
        return details.city();
    }

    @NonNull
    @Description("1-20 letters, digits, spaces or '-'")
    public String getPostalCode() {
        return details.postalCode();
    }

    @NonNull
    @Description("ISO 3166-1 alpha-2 code, upper case, e.g. DE")
    public String getCountry() {
        return details.country();
    }

    @Description("Phone number for the carrier, 4-30 digits, spaces and + - ( ), or null")
    public String getPhone() {
        return details.phone();
    }

    // named explicitly: the bean property of isDefault() would be "default"
    @Name("isDefault")
    @NonNull
    @Description("Whether this is the account's default address (exactly one is, when the account has any)")
    public boolean isDefault() {
        return isDefault;
    }
}
