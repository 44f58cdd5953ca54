package dev.storefront.users.domain;

import java.util.List;

/** Where the addresses of users read together come from: one read for all of them, not one per user. */
public interface UserAddresses {

    /**
     * @param userId one of the users read together
     * @return its addresses, default first, then oldest first
     */
    List<Address> addressesOf(String userId);
}
