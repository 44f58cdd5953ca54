package dev.storefront.subgraph.security;

import java.util.Objects;
import java.util.Set;

/**
 * The verified identity behind a request: the token's subject and its {@code groups} claim.
 *
 * @param userId id of the calling account (the token's {@code sub})
 * @param roles  roles granted by the token ({@code groups}), e.g. {@code CUSTOMER} or {@code ADMIN}
 */
public record Caller(String userId, Set<String> roles) {

    /** The role that may read and manage everything. */
    public static final String ADMIN = "ADMIN";

    public Caller {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
    }

    /** @return whether the caller holds the role */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** @return whether the caller is the given account or holds the given role */
    public boolean isSelfOrHasRole(String ownerId, String role) {
        return userId.equals(ownerId) || hasRole(role);
    }
}
