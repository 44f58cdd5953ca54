package dev.storefront.users.api;

import dev.storefront.users.auth.AccountService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** Creating accounts and signing in; both open to anonymous callers. */
@GraphQLApi
@ApplicationScoped
public class AccountMutations {

    private final AccountService accounts;

    @Inject
    public AccountMutations(AccountService accounts) {
        this.accounts = accounts;
    }

    @Mutation("register")
    @NonNull
    @Description("Create a customer account and sign it in")
    public RegisterPayload register(@Name("input") @NonNull NewAccount input) {
        return new RegisterPayload(accounts.register(input.getEmail(), input.getPassword(), input.getName()));
    }

    @Mutation("login")
    @NonNull
    @Description("Sign in; repeated failures lock the email address and the client address out for a while")
    public LoginPayload login(@Name("email") @NonNull String email, @Name("password") @NonNull String password) {
        return new LoginPayload(accounts.login(email, password));
    }
}
