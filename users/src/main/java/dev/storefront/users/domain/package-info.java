/** Accounts and their roles. */
package dev.storefront.users.domain;
