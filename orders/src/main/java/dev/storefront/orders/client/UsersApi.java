package dev.storefront.orders.client;

/**
 * The users service's internal endpoint for a checkout ({@code /internal}, JSON-B bodies): one
 * address of an account; 404 when that account has none by that id (an {@link ErrorAnswer}).
 */
public final class UsersApi {

    private final InternalHttp http;

    UsersApi(InternalHttp http) {
        this.http = http;
    }

    AddressBody address(String userId, String addressId) {
        return http.exchange("GET", "/users/{userId}/addresses/{addressId}",
                "/users/" + InternalHttp.segment(userId) + "/addresses/" + InternalHttp.segment(addressId), null, AddressBody.class);
    }

    /** A shipping address as users keeps it. */
    public record AddressBody(String recipient, String line1, String line2, String city, String postalCode, String country,
                       String phone) {
    }
}
