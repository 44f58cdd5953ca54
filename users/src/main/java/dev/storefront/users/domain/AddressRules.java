package dev.storefront.users.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an acceptable shipping address looks like, with messages written for the person filling
 * in the form. Every value is trimmed first and the country upper-cased; an optional part that is
 * empty after trimming counts as absent (a form's empty field), so it is stored as {@code null}.
 * Lengths count characters (code points), as the utf8mb4 columns do.
 */
public final class AddressRules {

    /** Most addresses an account may keep. */
    public static final int MAX_ADDRESSES = 20;

    static final int MAX_RECIPIENT = 100;
    static final int MAX_LINE = 200;
    static final int MAX_CITY = 100;
    static final int MAX_POSTAL_CODE = 20;
    static final int MIN_PHONE = 4;
    static final int MAX_PHONE = 30;

    // at least one letter or digit, so "-" or " - " is not a postal code
    private static final Pattern POSTAL_CODE = Pattern.compile("(?=.*[\\p{L}\\p{Nd}])[\\p{L}\\p{Nd} -]+");
    private static final Pattern PHONE = Pattern.compile("[0-9 +()-]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private AddressRules() {
    }

    /**
     * Check and normalise an address as entered.
     *
     * @param recipient  person's name
     * @param line1      street and number
     * @param line2      optional further line
     * @param city       city
     * @param postalCode postal code
     * @param country    ISO 3166-1 alpha-2 code, any case
     * @param phone      optional phone number
     * @return the normalised address, or every problem found (one per field at most)
     */
    public static Validation validate(String recipient, String line1, String line2, String city, String postalCode,
                                      String country, String phone) {
        List<Problem> problems = new ArrayList<>();
        String normalRecipient = required(recipient, MAX_RECIPIENT, "recipient", "INVALID_RECIPIENT", "Recipient", problems);
        String normalLine1 = required(line1, MAX_LINE, "line1", "INVALID_LINE1", "Address line 1", problems);
        String normalLine2 = optional(line2, MAX_LINE, "line2", "INVALID_LINE2", "Address line 2", problems);
        String normalCity = required(city, MAX_CITY, "city", "INVALID_CITY", "City", problems);

        String normalPostalCode = trim(postalCode);
        if (normalPostalCode.isEmpty() || length(normalPostalCode) > MAX_POSTAL_CODE
                || !POSTAL_CODE.matcher(normalPostalCode).matches()) {
            problems.add(new Problem("postalCode", "INVALID_POSTAL_CODE", "Postal code must be 1-" + MAX_POSTAL_CODE
                    + " letters, digits, spaces or '-'"));
        }

        String normalCountry = trim(country).toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(normalCountry)) {
            problems.add(new Problem("country", "INVALID_COUNTRY", "Country must be an ISO 3166-1 alpha-2 code such as DE or US;"
                    + " '" + abbreviate(normalCountry) + "' is not one"));
        }

        String normalPhone = trim(phone);
        if (normalPhone.isEmpty()) {
            normalPhone = null;
        } else if (normalPhone.length() < MIN_PHONE || normalPhone.length() > MAX_PHONE || !PHONE.matcher(normalPhone).matches()) {
            problems.add(new Problem("phone", "INVALID_PHONE", "Phone must be " + MIN_PHONE + "-" + MAX_PHONE
                    + " digits, spaces and + - ( ), or left empty"));
        }

        return problems.isEmpty()
                ? new Validation(new AddressDetails(normalRecipient, normalLine1, normalLine2, normalCity, normalPostalCode,
                        normalCountry, normalPhone), List.of())
                : new Validation(null, List.copyOf(problems));
    }

    private static String required(String value, int max, String field, String code, String label, List<Problem> problems) {
        String trimmed = trim(value);
        if (trimmed.isEmpty()) {
            problems.add(new Problem(field, code, label + " must not be empty"));
        } else {
            check(trimmed, max, field, code, label, problems);
        }
        return trimmed;
    }

    private static String optional(String value, int max, String field, String code, String label, List<Problem> problems) {
        String trimmed = trim(value);
        if (trimmed.isEmpty()) {
            return null;
        }
        check(trimmed, max, field, code, label, problems);
        return trimmed;
    }

    private static void check(String trimmed, int max, String field, String code, String label, List<Problem> problems) {
        if (length(trimmed) > max) {
            problems.add(new Problem(field, code, label + " must be at most " + max + " characters, was " + length(trimmed)));
        } else if (CONTROL.matcher(trimmed).find()) {
            // a line break or tab would garble the shipping label
            problems.add(new Problem(field, code, label + " must not contain control characters such as line breaks"));
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static String abbreviate(String value) {
        return value.length() <= 10 ? value : value.substring(0, 10) + "...";
    }

    /**
     * One thing wrong with an address.
     *
     * @param field   the input field at fault, e.g. {@code postalCode}
     * @param code    stable code, e.g. {@code INVALID_POSTAL_CODE}
     * @param message what to fix
     */
    public record Problem(String field, String code, String message) {
    }

    /**
     * The outcome of {@link #validate}.
     *
     * @param address  the normalised address, {@code null} when there are problems
     * @param problems what is wrong, empty when the address is acceptable
     */
    public record Validation(AddressDetails address, List<Problem> problems) {
    }
}
