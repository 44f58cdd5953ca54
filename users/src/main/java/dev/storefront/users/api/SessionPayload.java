package dev.storefront.users.api;

import java.util.List;

import dev.storefront.subgraph.types.UserError;
import dev.storefront.users.auth.AccountService;
import dev.storefront.users.domain.User;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * The fields of every payload that signs an account in (login, register, refreshSession,
 * changePassword): the access token, the session's refresh token, the account, or userErrors.
 * Each mutation keeps its own GraphQL type (a subclass naming it), so they can grow apart
 * without breaking clients; the fields are written once, here.
 */
public abstract class SessionPayload {

    private final AccountService.SignInResult result;

    SessionPayload(AccountService.SignInResult result) {
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

    @Description("Opaque token for refreshSession (a new access token without the password) and logout;"
            + " usable once, keep it secret. Null when userErrors is not empty")
    public String getRefreshToken() {
        return result.refreshToken() == null ? null : result.refreshToken().token();
    }

    @Description("When the session ends and the refresh token with it, ISO-8601 UTC; refreshing does not extend it")
    public String getRefreshTokenExpiresAt() {
        return result.refreshToken() == null ? null : result.refreshToken().expiresAt().toString();
    }

    public User getUser() {
        return result.user();
    }

    @NonNull
    public List<@NonNull UserError> getUserErrors() {
        return result.userErrors();
    }
}
