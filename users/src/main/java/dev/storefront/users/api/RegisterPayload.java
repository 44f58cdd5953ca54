package dev.storefront.users.api;

import dev.storefront.users.auth.AccountService;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

/** Result of register: the new account signed in, or what to fix (INVALID_EMAIL, WEAK_PASSWORD, INVALID_NAME, EMAIL_TAKEN). */
@Type("RegisterPayload")
@Description("Result of register: the new account signed in, or what to fix (INVALID_EMAIL, WEAK_PASSWORD, INVALID_NAME, EMAIL_TAKEN)")
public class RegisterPayload extends SessionPayload {

    RegisterPayload(AccountService.SignInResult result) {
        super(result);
    }
}
