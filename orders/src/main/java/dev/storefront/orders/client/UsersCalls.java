package dev.storefront.orders.client;

import java.util.Optional;

import dev.storefront.orders.domain.ShippingAddress;

/** What each answer of users' internal contract means to orders; the call {@link UsersClient} makes under fault tolerance. */
final class UsersCalls {

    private static final String SERVICE = UsersClient.SERVICE_NAME;

    private UsersCalls() {
    }

    static Optional<ShippingAddress> address(UsersApi api, String userId, String addressId) {
        UsersApi.AddressBody a;
        try {
            a = InternalCall.call(SERVICE, "address " + addressId + " of " + userId, () -> api.address(userId, addressId), 0);
        } catch (ErrorAnswer e) {
            // only the contract's answer means "no such address": a 404 without it (a route users
            // does not have) is a misconfiguration, not a missing address
            if (e.status() == 404 && "NOT_FOUND".equals(e.code())) {
                return Optional.empty();
            }
            throw e.unexpected(SERVICE);
        }
        if (a == null || a.recipient() == null || a.line1() == null || a.city() == null || a.postalCode() == null
                || a.country() == null) {
            throw new UnexpectedResponseException(SERVICE + " answered address " + addressId + " with " + a);
        }
        return Optional.of(new ShippingAddress(a.recipient(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country(),
                a.phone()));
    }
}
