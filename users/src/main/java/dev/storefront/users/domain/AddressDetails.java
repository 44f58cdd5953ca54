package dev.storefront.users.domain;

/**
 * The parts of a shipping address a person enters, validated and normalised by
 * {@link AddressRules}: trimmed, the country an upper-case ISO 3166-1 alpha-2 code, absent optional
 * parts {@code null}.
 *
 * @param recipient  person's name
 * @param line1      street and number
 * @param line2      more of the address, or {@code null}
 * @param city       city
 * @param postalCode postal code
 * @param country    ISO 3166-1 alpha-2 code, upper case
 * @param phone      phone number for the carrier, or {@code null}
 */
public record AddressDetails(String recipient, String line1, String line2, String city, String postalCode,
                             String country, String phone) {
}
