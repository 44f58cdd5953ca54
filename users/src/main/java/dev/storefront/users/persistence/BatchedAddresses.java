package dev.storefront.users.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.storefront.subgraph.database.Placeholders;
import dev.storefront.users.domain.Address;
import dev.storefront.users.domain.UserAddresses;

import io.helidon.dbclient.DbClient;

/**
 * The addresses of a set of users read together (an {@code _entities} batch, a page of users): on
 * the first request for any of them, all of theirs are read with one statement, never per user.
 * Who may see which user's addresses is decided per field before it asks; what is read for the
 * others stays here and is never answered.
 */
final class BatchedAddresses implements UserAddresses {

    private final DbClient db;
    private final List<String> userIds;
    private Map<String, List<Address>> byUser;

    BatchedAddresses(DbClient db, Collection<String> userIds) {
        this.db = db;
        this.userIds = userIds.stream().distinct().toList();
    }

    @Override
    public synchronized List<Address> addressesOf(String userId) {
        if (!userIds.contains(userId)) {
            return List.of();
        }
        if (byUser == null) {
            byUser = new HashMap<>();
            db.execute().createNamedQuery("addresses-of-users", "SELECT " + AddressRepository.COLUMNS + " FROM addresses"
                            + " WHERE user_id IN (" + Placeholders.forEach(userIds) + ")" + AddressRepository.LISTING_ORDER)
                    .params(List.copyOf(userIds))
                    .execute()
                    .map(AddressRepository::toAddress)
                    .forEach(address -> byUser.computeIfAbsent(address.userId(), id -> new ArrayList<>()).add(address));
        }
        return byUser.getOrDefault(userId, List.of());
    }
}
