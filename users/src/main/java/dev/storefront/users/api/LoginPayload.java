package dev.storefront.users.api;

import dev.storefront.users.auth.AccountService;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** Result of login: tokens for the account, or INVALID_CREDENTIALS, ACCOUNT_LOCKED, TOO_MANY_ATTEMPTS. */
@Type("LoginPayload")
@Description("Result of login: tokens for the account, or INVALID_CREDENTIALS, ACCOUNT_LOCKED, TOO_MANY_ATTEMPTS")
public class LoginPayload extends SessionPayload {

    LoginPayload(AccountService.SignInResult result) {
        super(result);
    }
}
