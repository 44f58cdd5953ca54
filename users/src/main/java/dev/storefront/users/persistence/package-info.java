/** Repositories over the users database. */
package dev.storefront.users.persistence;
