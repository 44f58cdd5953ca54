package dev.storefront.users.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.subgraph.database.Placeholders;
import dev.storefront.subgraph.database.SqlErrors;
import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.users.domain.Role;
import dev.storefront.users.domain.User;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Users table access. */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, email, name, role, created_at";

    private final DbClient db;

    @Inject
    public UserRepository(DbClient db) {
        this.db = db;
    }

    public Optional<User> findById(String id) {
        return db.execute().createNamedGet("user-by-id", "SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .addParam(id)
                .execute()
                .map(UserRepository::toUser);
    }

    /**
     * Users by id, in one statement however many ids.
     *
     * @param ids ids (duplicates allowed)
     * @return found users by id
     */
    public Map<String, User> findByIds(Collection<String> ids) {
        List<String> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Map.of();
        }
        List<User> users = db.execute()
                .createNamedQuery("users-by-ids",
                        "SELECT " + COLUMNS + " FROM users WHERE id IN (" + Placeholders.forEach(distinct) + ")")
                .params(List.copyOf(distinct))
                .execute()
                .map(UserRepository::toUser)
                .toList();
        return readTogether(users).stream().collect(Collectors.toMap(User::getId, Function.identity()));
    }

    /**
     * A page of users in id order.
     *
     * @param afterId id after which to start, or {@code null}
     * @param limit   maximum rows
     * @return users
     */
    public List<User> page(String afterId, int limit) {
        return readTogether(db.execute()
                .createNamedQuery("users-page", "SELECT " + COLUMNS + " FROM users WHERE id > ? ORDER BY id LIMIT ?")
                .addParam(afterId == null ? "" : afterId)
                .addParam(limit)
                .execute()
                .map(UserRepository::toUser)
                .toList());
    }

    /**
     * An account with its password hash, for signing in.
     *
     * @param email normalised email address
     * @return the account and its hash ({@code null} when it has no password yet)
     */
    public Optional<Credentials> findCredentialsByEmail(String email) {
        return db.execute().createNamedGet("credentials-by-email",
                        "SELECT " + COLUMNS + ", password_hash FROM users WHERE email = ?")
                .addParam(email)
                .execute()
                .map(row -> new Credentials(toUser(row), row.column("password_hash").get(String.class)));
    }

    /**
     * An account with its password hash, for checking the current password.
     *
     * @param id the account's id
     * @return the account and its hash ({@code null} when it has no password yet)
     */
    public Optional<Credentials> findCredentialsById(String id) {
        return db.execute().createNamedGet("credentials-by-id",
                        "SELECT " + COLUMNS + ", password_hash FROM users WHERE id = ?")
                .addParam(id)
                .execute()
                .map(row -> new Credentials(toUser(row), row.column("password_hash").get(String.class)));
    }

    /** @return whether an account uses this (normalised) email address */
    public boolean emailExists(String email) {
        return db.execute().createNamedGet("user-email-exists", "SELECT id FROM users WHERE email = ?")
                .addParam(email)
                .execute()
                .isPresent();
    }

    /**
     * Create an account.
     *
     * @param user         the account (its email normalised)
     * @param passwordHash encoded password hash
     * @return {@code false} when the email address is taken (the unique key decides, so two
     *         concurrent registrations cannot both win)
     */
    public boolean insert(User user, String passwordHash) {
        try {
            db.execute().createNamedInsert("user-insert",
                            "INSERT INTO users (id, email, name, role, created_at, password_hash) VALUES (?, ?, ?, ?, ?, ?)")
                    .addParam(user.getId())
                    .addParam(user.getEmail())
                    .addParam(user.getName())
                    .addParam(user.getRole().name())
                    .addParam(UtcTimes.stored(user.getCreatedAt()))
                    .addParam(passwordHash)
                    .execute();
            return true;
        } catch (DbClientException e) {
            if (SqlErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Replace an account's password hash (password change, admin bootstrap, rehash with stronger parameters). */
    public void updatePasswordHash(String id, String passwordHash) {
        db.execute().createNamedUpdate("user-update-password", "UPDATE users SET password_hash = ? WHERE id = ?")
                .addParam(passwordHash)
                .addParam(id)
                .execute();
    }

    /** Change an account's role. */
    public void updateRole(String id, Role role) {
        db.execute().createNamedUpdate("user-update-role", "UPDATE users SET role = ? WHERE id = ?")
                .addParam(role.name())
                .addParam(id)
                .execute();
    }

    /**
     * An account and its stored password hash; never leaves the service.
     *
     * @param user         the account
     * @param passwordHash its hash, or {@code null} when no password was ever set
     */
    public record Credentials(User user, String passwordHash) {
    }

    /** Users read in one statement share the reads of their addresses ({@link BatchedAddresses}). */
    private List<User> readTogether(List<User> users) {
        if (users.size() > 1) {
            BatchedAddresses addresses = new BatchedAddresses(db, users.stream().map(User::getId).toList());
            users.forEach(user -> user.readWith(addresses));
        }
        return users;
    }

    private static User toUser(DbRow row) {
        return new User(
                row.column("id").get(String.class),
                row.column("email").get(String.class),
                row.column("name").get(String.class),
                Role.valueOf(row.column("role").get(String.class)),
                UtcTimes.iso(row, "created_at"));
    }
}
