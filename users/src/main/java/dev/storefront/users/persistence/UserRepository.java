package dev.storefront.users.persistence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.storefront.users.domain.Role;
import dev.storefront.users.domain.User;

import io.helidon.dbclient.DbClient;
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
        String placeholders = distinct.stream().map(id -> "?").collect(Collectors.joining(", "));
        return db.execute()
                .createNamedQuery("users-by-ids", "SELECT " + COLUMNS + " FROM users WHERE id IN (" + placeholders + ")")
                .params(List.copyOf(distinct))
                .execute()
                .map(UserRepository::toUser)
                .collect(Collectors.toMap(User::getId, Function.identity()));
    }

    /**
     * A page of users in id order.
     *
     * @param afterId id after which to start, or {@code null}
     * @param limit   maximum rows
     * @return users
     */
    public List<User> page(String afterId, int limit) {
        return db.execute()
                .createNamedQuery("users-page", "SELECT " + COLUMNS + " FROM users WHERE id > ? ORDER BY id LIMIT ?")
                .addParam(afterId == null ? "" : afterId)
                .addParam(limit)
                .execute()
                .map(UserRepository::toUser)
                .toList();
    }

    private static User toUser(DbRow row) {
        return new User(
                row.column("id").get(String.class),
                row.column("email").get(String.class),
                row.column("name").get(String.class),
                Role.valueOf(row.column("role").get(String.class)),
                row.column("created_at").get(LocalDateTime.class).atOffset(ZoneOffset.UTC).toInstant().toString());
    }
}
