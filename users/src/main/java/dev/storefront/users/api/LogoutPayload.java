package dev.storefront.users.api;

import java.util.List;

import dev.storefront.subgraph.types.UserError;
import dev.storefront.users.auth.AccountService;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** Result of logout and logoutEverywhere. */
@Type("LogoutPayload")
@Description("Result of logout and logoutEverywhere: how many sessions were ended, or INVALID_REFRESH_TOKEN")
public class LogoutPayload {

    private final AccountService.SignOutResult result;

    LogoutPayload(AccountService.SignOutResult result) {
        this.result = result;
    }

    @NonNull
    @Description("Sessions this call ended; 0 when they had ended already. Their access tokens stay valid until they"
            + " expire (users.jwt.token-lifetime), but can no longer be refreshed")
    public int getSessionsEnded() {
        return result.sessionsEnded();
    }

    @NonNull
    public List<@NonNull UserError> getUserErrors() {
        return result.userErrors();
    }
}
