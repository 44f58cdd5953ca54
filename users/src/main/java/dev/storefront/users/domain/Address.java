package dev.storefront.users.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * A shipping address on an account. Every GraphQL field has a backing field: Helidon 4.1.2 marks
 * a field non-null ({@code String!}) only when both carry {@code @NonNull}.
 */
@Type("Address")
@Description("A shipping address on the account")
public class Address {

    @Id
    @NonNull
    private String id;
    private String userId;
    @NonNull
    private String recipient;
    @NonNull
    private String line1;
    private String line2;
    @NonNull
    private String city;
    @NonNull
    private String postalCode;
    @NonNull
    private String country;
    private String phone;
    @NonNull
    private boolean isDefault;

    public Address() {
    }

    public Address(String id, String userId, AddressDetails details, boolean isDefault) {
        this.id = id;
        this.userId = userId;
        this.recipient = details.recipient();
        this.line1 = details.line1();
        this.line2 = details.line2();
        this.city = details.city();
        this.postalCode = details.postalCode();
        this.country = details.country();
        this.phone = details.phone();
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
        return new AddressDetails(recipient, line1, line2, city, postalCode, country, phone);
    }

    @NonNull
    @Description("The person's name, 1-100 characters")
    public String getRecipient() {
        return recipient;
    }

    @NonNull
    @Description("Street and number, 1-200 characters")
    public String getLine1() {
        return line1;
    }

    @Description("More of the address (apartment, floor...), 1-200 characters, or null")
    public String getLine2() {
        return line2;
    }

    @NonNull
    @Description("1-100 characters")
    public String getCity() {
        return city;
    }

    @NonNull
    @Description("1-20 letters, digits, spaces or '-'")
    public String getPostalCode() {
        return postalCode;
    }

    @NonNull
    @Description("ISO 3166-1 alpha-2 code, upper case, e.g. DE")
    public String getCountry() {
        return country;
    }

    @Description("Phone number for the carrier, 4-30 digits, spaces and + - ( ), or null")
    public String getPhone() {
        return phone;
    }

    // getIsDefault, not isDefault: the bean property of isDefault() would be the GraphQL field "default"
    @NonNull
    @Description("Whether this is the account's default address (exactly one is, when the account has any)")
    public boolean getIsDefault() {
        return isDefault;
    }
}
