package dev.storefront.users.api;

import dev.storefront.users.auth.AccountService;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** Result of changePassword: a new session (every other one ended), or why not. */
@Type("ChangePasswordPayload")
@Description("Result of changePassword: a new session for the caller, every other session of the account ended;"
        + " or INVALID_CREDENTIALS, ACCOUNT_LOCKED, TOO_MANY_ATTEMPTS, WEAK_PASSWORD")
public class ChangePasswordPayload extends SessionPayload {

    ChangePasswordPayload(AccountService.SignInResult result) {
        super(result);
    }
}
