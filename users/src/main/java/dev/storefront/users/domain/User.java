package dev.storefront.users.domain;

import java.util.Optional;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** A storefront account. */
@Type("User")
@Description("A storefront account")
public class User {

    private String id;
    private String email;
    private String name;
    private Role role;
    private String createdAt;
    // the addresses of the users read with this one (null: read alone, its addresses on their own)
    private UserAddresses readWith;

    public User() {
    }

    public User(String id, String email, String name, Role role, String createdAt) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.role = role;
        this.createdAt = createdAt;
    }

    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public String getEmail() {
        return email;
    }

    @NonNull
    public String getName() {
        return name;
    }

    @NonNull
    public Role getRole() {
        return role;
    }

    @NonNull
    @Description("When the account was created, ISO-8601 UTC")
    public String getCreatedAt() {
        return createdAt;
    }

    /**
     * @param addresses the addresses of the users read together with this one
     * @return this user
     */
    public User readWith(UserAddresses addresses) {
        this.readWith = addresses;
        return this;
    }

    /** @return the addresses of the users read together with this one, when it was read in a batch */
    @Ignore
    public Optional<UserAddresses> addressesReadWith() {
        return Optional.ofNullable(readWith);
    }
}
