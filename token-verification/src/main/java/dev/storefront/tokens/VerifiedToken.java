package dev.storefront.tokens;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A token that passed every check.
 *
 * @param subject   the account it was issued to ({@code sub})
 * @param roles     its {@code groups} claim (MicroProfile JWT convention), e.g. {@code CUSTOMER}
 * @param expiresAt its {@code exp}
 */
public record VerifiedToken(String subject, Set<String> roles, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
