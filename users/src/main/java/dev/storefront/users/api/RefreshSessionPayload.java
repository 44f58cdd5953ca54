package dev.storefront.users.api;

import dev.storefront.users.auth.AccountService;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** Result of refreshSession: a new access token and the session's next refresh token, or why not. */
@Type("RefreshSessionPayload")
@Description("Result of refreshSession: a new access token and the session's next refresh token (the one sent is spent),"
        + " or INVALID_REFRESH_TOKEN, SESSION_EXPIRED, SESSION_REVOKED")
public class RefreshSessionPayload extends SessionPayload {

    RefreshSessionPayload(AccountService.SignInResult result) {
        super(result);
    }
}
