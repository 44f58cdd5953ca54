/**
 * Accounts' credentials and tokens: Argon2id password hashes, the password and email rules,
 * login throttling, the RS256 signing key and the JWTs it signs, and the start-up admin account.
 */
package dev.storefront.users.auth;
