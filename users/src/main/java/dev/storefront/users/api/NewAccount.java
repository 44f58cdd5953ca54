package dev.storefront.users.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** What a new customer enters to create an account. */
// Helidon appends "Input" when the name equals the class name; a distinct name is used as is
@Input("RegisterInput")
@Description("A new customer account")
public class NewAccount {

    private String email;
    private String password;
    private String name;

    @NonNull
    @Description("Email address; stored trimmed and in lower case, one account per address")
    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    @NonNull
    @Description("At least 10 characters (configurable), not a common password, not containing the email address")
    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @NonNull
    @Description("Display name, 1 to 200 characters")
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
