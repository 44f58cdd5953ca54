package dev.storefront.users.persistence;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.storefront.subgraph.database.Transactions;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.subgraph.types.Ids;
import dev.storefront.users.domain.Address;
import dev.storefront.users.domain.AddressDetails;
import dev.storefront.users.domain.AddressRules;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Shipping addresses. Every change runs in one transaction that first locks the account's
 * {@code users} row ({@code SELECT ... FOR UPDATE}), so the changes of one account are serialised:
 * the count checked against {@link AddressRules#MAX_ADDRESSES} cannot change before the insert,
 * and the default moves in one step, so concurrent calls never leave two defaults or none (the
 * unique key on {@code (user_id, is_default)} refuses a second default in any case).
 *
 * <p>The default invariant: an account with addresses has exactly one default. The first address
 * is the default; removing the default makes the oldest remaining address the default.
 */
@ApplicationScoped
public class AddressRepository {

    static final String COLUMNS = "id, user_id, recipient, line1, line2, city, postal_code, country, phone, is_default";
    // default first, then oldest first
    static final String LISTING_ORDER = " ORDER BY CASE WHEN is_default = 1 THEN 0 ELSE 1 END, seq_no";

    private final DbClient db;

    @Inject
    public AddressRepository(DbClient db) {
        this.db = db;
    }

    /**
     * @param userId the account
     * @return its addresses, default first, then oldest first
     */
    public List<Address> listOf(String userId) {
        return listOf(db.execute(), userId);
    }

    /**
     * @param userId    the account
     * @param addressId the address
     * @return the address when it belongs to that account
     */
    public Optional<Address> find(String userId, String addressId) {
        return find(db.execute(), userId, addressId);
    }

    /**
     * Add an address. The account's first address becomes its default whatever {@code makeDefault} says.
     *
     * @param userId      the account (must exist)
     * @param details     the validated address
     * @param makeDefault make it the default, the previous default no longer
     * @return the new address, or empty when the account has {@link AddressRules#MAX_ADDRESSES} already
     */
    public Optional<Address> add(String userId, AddressDetails details, boolean makeDefault) {
        return inAccountTransaction(userId, tx -> {
            DbRow counts = tx.createNamedGet("addresses-count",
                            "SELECT COUNT(*) AS n, COALESCE(MAX(seq_no), 0) AS last_seq_no FROM addresses WHERE user_id = ?")
                    .addParam(userId)
                    .execute()
                    .orElseThrow();
            long count = counts.column("n").get(Long.class);
            if (count >= AddressRules.MAX_ADDRESSES) {
                return Optional.empty();
            }
            boolean isDefault = count == 0 || makeDefault;
            if (isDefault) {
                clearDefault(tx, userId);
            }
            String id = Ids.newId("adr");
            // the account's changes are serialised, so the next number is free
            int seqNo = counts.column("last_seq_no").get(Number.class).intValue() + 1;
            LocalDateTime now = UtcTimes.now();
            tx.createNamedInsert("address-insert", "INSERT INTO addresses (id, user_id, recipient, line1, line2, city,"
                            + " postal_code, country, phone, is_default, seq_no, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, userId, details.recipient(), details.line1(), details.line2(), details.city(),
                            details.postalCode(), details.country(), details.phone(), isDefault ? 1 : null, seqNo, now, now)
                    .execute();
            return Optional.of(new Address(id, userId, details, isDefault));
        });
    }

    /**
     * Replace an address's parts; whether it is the default does not change.
     *
     * @return the changed address, or empty when the account has no such address
     */
    public Optional<Address> update(String userId, String addressId, AddressDetails details) {
        return inAccountTransaction(userId, tx -> {
            Optional<Address> existing = find(tx, userId, addressId);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            tx.createNamedUpdate("address-update", "UPDATE addresses SET recipient = ?, line1 = ?, line2 = ?, city = ?,"
                            + " postal_code = ?, country = ?, phone = ?, updated_at = ? WHERE id = ? AND user_id = ?")
                    .params(details.recipient(), details.line1(), details.line2(), details.city(), details.postalCode(),
                            details.country(), details.phone(), UtcTimes.now(), addressId, userId)
                    .execute();
            return Optional.of(new Address(addressId, userId, details, existing.get().getIsDefault()));
        });
    }

    /**
     * Remove an address; when it was the default, the oldest remaining address becomes the default.
     *
     * @return whether the account had that address
     */
    public boolean remove(String userId, String addressId) {
        return inAccountTransaction(userId, tx -> {
            Optional<Address> existing = find(tx, userId, addressId);
            if (existing.isEmpty()) {
                return false;
            }
            tx.createNamedDelete("address-delete", "DELETE FROM addresses WHERE id = ? AND user_id = ?")
                    .params(addressId, userId)
                    .execute();
            if (existing.get().getIsDefault()) {
                tx.createNamedGet("address-oldest", "SELECT id FROM addresses WHERE user_id = ? ORDER BY seq_no LIMIT 1")
                        .addParam(userId)
                        .execute()
                        .ifPresent(oldest -> markDefault(tx, userId, oldest.column("id").get(String.class)));
            }
            return true;
        });
    }

    /**
     * Make an address the account's default, the previous default no longer.
     *
     * @return the address, now the default, or empty when the account has no such address
     */
    public Optional<Address> setDefault(String userId, String addressId) {
        return inAccountTransaction(userId, tx -> {
            Optional<Address> existing = find(tx, userId, addressId);
            if (existing.isEmpty()) {
                return Optional.empty();
            }
            if (!existing.get().getIsDefault()) {
                // two statements, not one: the unique key is checked row by row, and one UPDATE
                // moving the default could meet the new default before the old one is cleared
                clearDefault(tx, userId);
                markDefault(tx, userId, addressId);
            }
            return Optional.of(new Address(addressId, userId, existing.get().details(), true));
        });
    }

    private static List<Address> listOf(DbExecute execute, String userId) {
        return execute.createNamedQuery("addresses-of-user", "SELECT " + COLUMNS + " FROM addresses WHERE user_id = ?" + LISTING_ORDER)
                .addParam(userId)
                .execute()
                .map(AddressRepository::toAddress)
                .toList();
    }

    private static Optional<Address> find(DbExecute execute, String userId, String addressId) {
        // within a change, the lock on the users row already keeps the account's addresses still
        return execute.createNamedGet("address-by-id", "SELECT " + COLUMNS + " FROM addresses WHERE id = ? AND user_id = ?")
                .params(addressId, userId)
                .execute()
                .map(AddressRepository::toAddress);
    }

    private static void clearDefault(DbTransaction tx, String userId) {
        tx.createNamedUpdate("address-clear-default", "UPDATE addresses SET is_default = NULL WHERE user_id = ? AND is_default = 1")
                .addParam(userId)
                .execute();
    }

    private static void markDefault(DbTransaction tx, String userId, String addressId) {
        tx.createNamedUpdate("address-mark-default", "UPDATE addresses SET is_default = 1 WHERE id = ? AND user_id = ?")
                .params(addressId, userId)
                .execute();
    }

    /**
     * Run work in one transaction holding the lock on the account's users row; commit its result,
     * or roll back on failure.
     *
     * @throws IllegalStateException when there is no such account (a token outliving its account)
     */
    private <T> T inAccountTransaction(String userId, Function<DbTransaction, T> work) {
        return Transactions.inTransaction(db, tx -> {
            boolean exists = tx.createNamedGet("user-lock", "SELECT id FROM users WHERE id = ? FOR UPDATE")
                    .addParam(userId)
                    .execute()
                    .isPresent();
            if (!exists) {
                throw new IllegalStateException("No account " + userId + " to change the addresses of");
            }
            return work.apply(tx);
        });
    }

    static Address toAddress(DbRow row) {
        return new Address(
                row.column("id").get(String.class),
                row.column("user_id").get(String.class),
                new AddressDetails(
                        row.column("recipient").get(String.class),
                        row.column("line1").get(String.class),
                        row.column("line2").get(String.class),
                        row.column("city").get(String.class),
                        row.column("postal_code").get(String.class),
                        row.column("country").get(String.class),
                        row.column("phone").get(String.class)),
                row.column("is_default").get(Integer.class) != null);
    }
}
