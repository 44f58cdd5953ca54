package dev.storefront.users.domain;

/** What an account may do: customers shop, admins run the store. */
public enum Role {
    CUSTOMER,
    ADMIN
}
