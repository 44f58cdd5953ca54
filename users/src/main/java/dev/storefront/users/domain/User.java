package dev.storefront.users.domain;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
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
}
