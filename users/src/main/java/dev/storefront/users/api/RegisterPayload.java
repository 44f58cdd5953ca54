package dev.storefront.users.api;

import java.util.List;

import dev.storefront.subgraph.types.UserError;
import dev.storefront.users.auth.AccountService;
import dev.storefront.users.domain.User;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of register: the new account signed in, or what to fix (INVALID_EMAIL, WEAK_PASSWORD, INVALID_NAME, EMAIL_TAKEN). */
@Type("RegisterPayload")
@Description("Result of register: the new account signed in, or what to fix (INVALID_EMAIL, WEAK_PASSWORD, INVALID_NAME, EMAIL_TAKEN)")
public class RegisterPayload {

    private final AccountService.SignInResult result;

    RegisterPayload(AccountService.SignInResult result) {
        this.result = result;
    }

    @Description("Bearer token for the Authorization header; null when userErrors is not empty")
    public String getToken() {
        return result.token() == null ? null : result.token().token();
    }

    @Description("When the token expires, ISO-8601 UTC")
    public String getExpiresAt() {
        return result.token() == null ? null : result.token().expiresAt().toString();
    }

    public User getUser() {
        return result.user();
    }

    @NonNull
    public List<@NonNull UserError> getUserErrors() {
        return result.userErrors();
    }
}
