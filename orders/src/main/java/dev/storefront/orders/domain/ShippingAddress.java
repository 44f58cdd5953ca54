package dev.storefront.orders.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/**
 * Where an order ships: a copy of one of the account's addresses (owned by the users service)
 * taken when the order was placed, so the order keeps it whatever the account changes later.
 */
@Type("ShippingAddress")
@Description("A copy of the address the order ships to, as it was at checkout")
public class ShippingAddress {

    // every GraphQL field has a Java field: Helidon reads nullability from the field of a getter
    private final String recipient;
    private final String line1;
    private final String line2;
    private final String city;
    private final String postalCode;
    private final String country;
    private final String phone;

    public ShippingAddress(String recipient, String line1, String line2, String city, String postalCode, String country,
                           String phone) {
        this.recipient = recipient;
        this.line1 = line1;
        this.line2 = line2;
        this.city = city;
        this.postalCode = postalCode;
        this.country = country;
        this.phone = phone;
    }

    @NonNull
    public String getRecipient() {
        return recipient;
    }

    @NonNull
    public String getLine1() {
        return line1;
    }

    public String getLine2() {
        return line2;
    }

    @NonNull
    public String getCity() {
        return city;
    }

    @NonNull
    public String getPostalCode() {
        return postalCode;
    }

    @NonNull
    @Description("ISO 3166-1 alpha-2 country code")
    public String getCountry() {
        return country;
    }

    public String getPhone() {
        return phone;
    }
}
