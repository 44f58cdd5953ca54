package dev.storefront.users.domain;

import java.time.Instant;

/**
 * One refresh token of a session, as stored: only the SHA-256 of the token, never the token.
 * A session is a family of tokens: the sign-in's, then one per refresh, each replacing the last.
 *
 * @param tokenHash SHA-256 of the token, hex
 * @param familyId  the session it belongs to
 * @param userId    the account signed in
 * @param createdAt when it was issued
 * @param expiresAt when the session ends (the same for every token of a family)
 * @param usedAt    when it was exchanged for the next token, {@code null} while it is the current one
 * @param revokedAt when the session was ended (sign-out, password change, reuse), {@code null} while live
 */
public record RefreshToken(String tokenHash, String familyId, String userId, Instant createdAt, Instant expiresAt,
                           Instant usedAt, Instant revokedAt) {

    /** What presenting this token means at a given time. */
    public enum State {
        /** the current token of a live session: it may be exchanged once */
        CURRENT,
        /** exchanged before: presenting it again means two parties hold the session */
        ALREADY_USED,
        /** its session was ended */
        REVOKED,
        /** its session ran out */
        EXPIRED
    }

    /**
     * @param now the time it is presented
     * @return its state; revocation is reported before reuse, so a revoked family is not revoked again
     */
    public State state(Instant now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        if (usedAt != null) {
            return State.ALREADY_USED;
        }
        if (!expiresAt.isAfter(now)) {
            return State.EXPIRED;
        }
        return State.CURRENT;
    }
}
