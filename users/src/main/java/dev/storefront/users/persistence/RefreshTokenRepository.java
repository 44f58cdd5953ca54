package dev.storefront.users.persistence;

import java.time.Instant;
import java.util.Optional;

import dev.storefront.subgraph.database.UtcTimes;
import dev.storefront.users.domain.RefreshToken;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@code refresh_tokens} table: sessions' refresh tokens by their SHA-256, never the tokens themselves. */
@ApplicationScoped
public class RefreshTokenRepository {

    private static final String COLUMNS = "token_hash, family_id, user_id, created_at, expires_at, used_at, revoked_at";

    private final DbClient db;

    @Inject
    public RefreshTokenRepository(DbClient db) {
        this.db = db;
    }

    /** Store a newly issued token (unused, not revoked). */
    public void insert(String tokenHash, String familyId, String userId, Instant createdAt, Instant expiresAt) {
        db.execute().createNamedInsert("refresh-token-insert",
                        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .addParam(tokenHash)
                .addParam(familyId)
                .addParam(userId)
                .addParam(UtcTimes.stored(createdAt))
                .addParam(UtcTimes.stored(expiresAt))
                .execute();
    }

    /** @return the token with this hash, if stored */
    public Optional<RefreshToken> find(String tokenHash) {
        return db.execute().createNamedGet("refresh-token-by-hash", "SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = ?")
                .addParam(tokenHash)
                .execute()
                .map(RefreshTokenRepository::toToken);
    }

    /**
     * Mark a token exchanged, once: of two concurrent exchanges of the same token only one
     * updates the row.
     *
     * @return whether this call marked it (false: it was used or revoked meanwhile)
     */
    public boolean markUsed(String tokenHash, Instant now) {
        return db.execute().createNamedUpdate("refresh-token-use",
                        "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL")
                .addParam(UtcTimes.stored(now))
                .addParam(tokenHash)
                .execute() == 1;
    }

    /** @return tokens revoked: every not yet revoked token of the session */
    public long revokeFamily(String familyId, Instant now) {
        return db.execute().createNamedUpdate("refresh-token-revoke-family",
                        "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .addParam(UtcTimes.stored(now))
                .addParam(familyId)
                .execute();
    }

    /**
     * Revoke every session of an account.
     *
     * @param userId the account
     * @param now    revocation time
     * @return sessions revoked (families that still had a live token)
     */
    public long revokeAllOf(String userId, Instant now) {
        // a live session has exactly one unused, unrevoked, unexpired token: counting those counts sessions
        long sessions = db.execute().createNamedGet("refresh-token-count-live",
                        "SELECT COUNT(*) AS live FROM refresh_tokens WHERE user_id = ?"
                                + " AND revoked_at IS NULL AND used_at IS NULL AND expires_at > ?")
                .addParam(userId)
                .addParam(UtcTimes.stored(now))
                .execute()
                .map(row -> row.column("live").get(Long.class))
                .orElse(0L);
        db.execute().createNamedUpdate("refresh-token-revoke-user",
                        "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .addParam(UtcTimes.stored(now))
                .addParam(userId)
                .execute();
        return sessions;
    }

    /**
     * Delete the tokens whose session ended (ran out or was revoked) before the cut-off. A used
     * token of a live session is kept: presenting it again must still be recognised as reuse.
     *
     * @param endedBefore sessions that ended before this are forgotten
     * @return rows deleted
     */
    public long deleteEnded(Instant endedBefore) {
        // two single-column range conditions: each can use its index (MySQL/MariaDB index merge)
        return db.execute().createNamedDelete("refresh-token-delete-ended",
                        "DELETE FROM refresh_tokens WHERE expires_at < ? OR revoked_at < ?")
                .addParam(UtcTimes.stored(endedBefore))
                .addParam(UtcTimes.stored(endedBefore))
                .execute();
    }

    private static RefreshToken toToken(DbRow row) {
        return new RefreshToken(
                row.column("token_hash").get(String.class),
                row.column("family_id").get(String.class),
                row.column("user_id").get(String.class),
                UtcTimes.instant(row, "created_at"),
                UtcTimes.instant(row, "expires_at"),
                UtcTimes.instant(row, "used_at"),
                UtcTimes.instant(row, "revoked_at"));
    }

}
