package dev.storefront.users.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an acceptable email address, password and display name look like, with messages written
 * for the person filling in the form. Passwords follow NIST SP 800-63B: length matters, not
 * character classes; known-bad choices are refused.
 */
public final class CredentialRules {

    /** Longest password accepted: long enough for passphrases, short enough to bound hashing work. */
    public static final int MAX_PASSWORD_LENGTH = 128;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_NAME_LENGTH = 200;
    // the most common choices that meet any length rule; a real deployment would add a breach list
    private static final Set<String> COMMON_PASSWORDS = Set.of(
            "password123", "password1234", "1234567890", "12345678910", "qwertyuiop", "1q2w3e4r5t",
            "iloveyou123", "administrator", "passwordpassword", "letmein123", "welcome123", "storefront");

    private final int minPasswordLength;

    /** @param minPasswordLength fewest characters a password may have */
    public CredentialRules(int minPasswordLength) {
        this.minPasswordLength = minPasswordLength;
    }

    /**
     * The form in which an email address is stored and compared: trimmed, lower case.
     *
     * @param email as typed
     * @return normalised address, or empty when it is not an email address
     */
    public Optional<String> normaliseEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String normalised = email.trim().toLowerCase(Locale.ROOT);
        return normalised.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(normalised).matches()
                ? Optional.of(normalised) : Optional.empty();
    }

    /**
     * @param password          proposed password
     * @param normalisedEmail   the account's address (a password containing it is refused)
     * @return what is wrong with it, empty when acceptable
     */
    public List<String> passwordProblems(String password, String normalisedEmail) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.length() < minPasswordLength) {
            problems.add("Password must be at least " + minPasswordLength + " characters long");
            return problems;
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            problems.add("Password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.chars().distinct().count() < 4) {
            problems.add("Password must not be made of so few different characters");
        }
        if (COMMON_PASSWORDS.contains(lower)) {
            problems.add("Password is too common; choose one that is harder to guess");
        }
        if (normalisedEmail != null) {
            String localPart = normalisedEmail.substring(0, normalisedEmail.indexOf('@'));
            if (lower.contains(normalisedEmail) || (localPart.length() >= 4 && lower.contains(localPart))) {
                problems.add("Password must not contain your email address");
            }
        }
        return problems;
    }

    /**
     * @param name display name as typed
     * @return trimmed name, or empty when blank or too long
     */
    public Optional<String> normaliseName(String name) {
        if (name == null || name.isBlank() || name.trim().length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(name.trim());
    }
}
