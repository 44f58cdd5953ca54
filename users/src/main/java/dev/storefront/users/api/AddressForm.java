package dev.storefront.users.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A shipping address as the shopper enters it; checked by {@link dev.storefront.users.domain.AddressRules}.
 * Required fields carry {@code @NonNull} on the field too: Helidon reads an input's from there.
 */
// Helidon appends "Input" when the name equals the class name; a distinct name is used as is
@Input("AddressInput")
@Description("A shipping address as entered; values are trimmed, the country upper-cased, empty optional parts left out")
public class AddressForm {

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

    public AddressForm() {
    }

    @NonNull
    @Description("The person's name, 1-100 characters")
    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    @NonNull
    @Description("Street and number, 1-200 characters")
    public String getLine1() {
        return line1;
    }

    public void setLine1(String line1) {
        this.line1 = line1;
    }

    @Description("More of the address, up to 200 characters; optional")
    public String getLine2() {
        return line2;
    }

    public void setLine2(String line2) {
        this.line2 = line2;
    }

    @NonNull
    @Description("1-100 characters")
    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    @NonNull
    @Description("1-20 letters, digits, spaces or '-'")
    public String getPostalCode() {
        return postalCode;
    }

    public void setPostalCode(String postalCode) {
        this.postalCode = postalCode;
    }

    @NonNull
    @Description("ISO 3166-1 alpha-2 code, e.g. DE (any case)")
    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    @Description("Phone number for the carrier, 4-30 digits, spaces and + - ( ); optional")
    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
