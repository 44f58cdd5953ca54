package dev.storefront.users.api;

import dev.storefront.subgraph.security.CurrentCaller;
import dev.storefront.subgraph.security.NotAuthenticatedException;
import dev.storefront.users.auth.AccountService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * Staying signed in and signing out. refreshSession and logout need no access token (the refresh
 * token is the credential: an expired access token must not keep anyone from either);
 * logoutEverywhere and changePassword act on the account of the bearer token.
 */
@GraphQLApi
@ApplicationScoped
public class SessionMutations {

    private final AccountService accounts;
    private final CurrentCaller callers;

    @Inject
    public SessionMutations(AccountService accounts, CurrentCaller callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    @Mutation("refreshSession")
    @NonNull
    @Description("A new access token for a session, and its next refresh token: the one sent is spent. Sending a spent"
            + " refresh token again ends the session (someone else holds a copy)")
    public RefreshSessionPayload refreshSession(@Name("refreshToken") @NonNull String refreshToken) {
        return new RefreshSessionPayload(accounts.refresh(refreshToken));
    }

    @Mutation("logout")
    @NonNull
    @Description("Sign out: end the session of this refresh token. Its access token stays valid until it expires")
    public LogoutPayload logout(@Name("refreshToken") @NonNull String refreshToken) {
        return new LogoutPayload(accounts.logout(refreshToken));
    }

    @Mutation("logoutEverywhere")
    @NonNull
    @Description("Sign out everywhere: end every session of the signed-in account")
    public LogoutPayload logoutEverywhere() throws NotAuthenticatedException {
        return new LogoutPayload(accounts.logoutEverywhere(callers.require().userId()));
    }

    @Mutation("changePassword")
    @NonNull
    @Description("Change the signed-in account's password; ends every other session and starts a new one."
            + " Wrong current passwords count towards the sign-in lockout")
    public ChangePasswordPayload changePassword(@Name("currentPassword") @NonNull String currentPassword,
                                                @Name("newPassword") @NonNull String newPassword)
            throws NotAuthenticatedException {
        return new ChangePasswordPayload(accounts.changePassword(callers.require().userId(), currentPassword, newPassword));
    }
}
