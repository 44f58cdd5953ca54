/** Database access of the users service: accounts, their credentials, and sign-in throttling. */
package dev.storefront.users.persistence;
