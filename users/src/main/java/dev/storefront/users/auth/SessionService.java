package dev.storefront.users.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.storefront.users.domain.RefreshToken;
import dev.storefront.users.persistence.RefreshTokenRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Sessions: what keeps a shopper signed in after the access token runs out. A sign-in starts a
 * session and hands out an opaque refresh token (256 random bits, base64url); exchanging it gives
 * a new access token and the session's next refresh token, and the one presented is spent.
 * Presenting a spent token again means someone else holds a copy: the whole session is revoked,
 * so the thief and the shopper both have to sign in again (the shopper with the password).
 *
 * <p>Only the SHA-256 of a token is stored: a copy of the table signs nobody in. A session lasts
 * {@code users.session.lifetime} (default 30 days) from its sign-in; refreshing does not extend it.
 * Access tokens stay stateless, so ending a session takes effect when its access token would next
 * be refreshed (at most {@code users.jwt.token-lifetime} later).
 *
 * <p>Tokens of sessions that ran out or were revoked more than {@code users.session.retention}
 * (default 7 days) ago are deleted by the sign-in or refresh that finds the last clean-up at least
 * {@code users.session.cleanup-interval} (default 10 min) ago, per replica, like the login
 * throttle's counters: no background task.
 */
@ApplicationScoped
public class SessionService {

    /** 32 bytes, base64url without padding. */
    private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final System.Logger LOGGER = System.getLogger(SessionService.class.getName());

    private final RefreshTokenRepository tokens;
    private final Duration lifetime;
    private final Duration retention;
    private final Housekeeping housekeeping;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    @Inject
    SessionService(RefreshTokenRepository tokens, Config config) {
        this.tokens = tokens;
        this.lifetime = config.getOptionalValue("users.session.lifetime", Duration.class).orElse(Duration.ofDays(30));
        this.retention = config.getOptionalValue("users.session.retention", Duration.class).orElse(Duration.ofDays(7));
        this.housekeeping = new Housekeeping(
                config.getOptionalValue("users.session.cleanup-interval", Duration.class).orElse(Duration.ofMinutes(10)),
                "ended refresh_tokens rows", this::forgetEnded);
    }

    /**
     * Start a session for an account that just proved who it is.
     *
     * @param userId the account
     * @return the session's first refresh token
     */
    public Issued start(String userId) {
        Instant now = now();
        Issued issued = start(userId, now);
        housekeeping.runIfDue(now);
        return issued;
    }

    /**
     * @param userId    the account
     * @param startedAt the sign-in time (tests start sessions that have run out with it)
     * @return the session's first refresh token
     */
    public Issued start(String userId, Instant startedAt) {
        Instant at = startedAt.truncatedTo(ChronoUnit.SECONDS);
        return issue(UUID.randomUUID().toString(), userId, at, at.plus(lifetime));
    }

    /**
     * Exchange a refresh token for the session's next one.
     *
     * @param refreshToken the token presented
     * @return the account and its next token, or why not
     */
    public Refreshed refresh(String refreshToken) {
        Instant now = now();
        Optional<RefreshToken> stored = lookUp(refreshToken);
        if (stored.isEmpty()) {
            return Refreshed.refused(Refusal.INVALID);
        }
        RefreshToken token = stored.get();
        switch (token.state(now)) {
            case REVOKED:
                return Refreshed.refused(Refusal.REVOKED);
            case EXPIRED:
                return Refreshed.refused(Refusal.EXPIRED);
            case ALREADY_USED:
                return reused(token, now);
            case CURRENT:
            default:
                break;
        }
        if (!tokens.markUsed(token.tokenHash(), now)) {
            // another request spent it (or ended the session) between the read and now
            return tokens.find(token.tokenHash()).filter(t -> t.revokedAt() != null && t.usedAt() == null).isPresent()
                    ? Refreshed.refused(Refusal.REVOKED)
                    : reused(token, now);
        }
        Issued next = issue(token.familyId(), token.userId(), now, token.expiresAt());
        housekeeping.runIfDue(now);
        return new Refreshed(token.userId(), next, null);
    }

    /**
     * End the session a refresh token belongs to. Ending an ended or unknown session is no error.
     *
     * @param refreshToken any token of the session, current or spent
     * @return sessions ended (0 or 1), empty when the token is malformed
     */
    public Optional<Long> end(String refreshToken) {
        if (!wellFormed(refreshToken)) {
            return Optional.empty();
        }
        return Optional.of(tokens.find(hash(refreshToken))
                .map(token -> tokens.revokeFamily(token.familyId(), now()) > 0 ? 1L : 0L)
                .orElse(0L));
    }

    /**
     * End every session of an account.
     *
     * @param userId the account
     * @return sessions ended
     */
    public long endAll(String userId) {
        return tokens.revokeAllOf(userId, now());
    }

    /**
     * Delete the tokens of sessions that ended more than the retention ago.
     *
     * @param now current time
     * @return rows deleted
     */
    public long forgetEnded(Instant now) {
        return tokens.deleteEnded(now.minus(retention));
    }

    /** @return whether the text has the shape of a refresh token (anything else is not looked up) */
    public static boolean wellFormed(String refreshToken) {
        return refreshToken != null && TOKEN_SHAPE.matcher(refreshToken).matches();
    }

    /** @return SHA-256 of the token, hex: what the table stores */
    public static String hash(String refreshToken) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<RefreshToken> lookUp(String refreshToken) {
        return wellFormed(refreshToken) ? tokens.find(hash(refreshToken)) : Optional.empty();
    }

    private Refreshed reused(RefreshToken token, Instant now) {
        long revoked = tokens.revokeFamily(token.familyId(), now);
        LOGGER.log(System.Logger.Level.WARNING, "A spent refresh token of " + token.userId() + " was presented again:"
                + " session " + token.familyId() + " revoked (" + revoked + " tokens)");
        return Refreshed.refused(Refusal.REUSED);
    }

    private Issued issue(String familyId, String userId, Instant now, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.insert(hash(token), familyId, userId, now, expiresAt);
        return new Issued(token, familyId, expiresAt);
    }

    private Instant now() {
        // whole seconds, as the login throttle's: a session must report the same end before and
        // after a refresh, and the tokens carry their times in whole seconds
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A refresh token handed out; the token itself exists only here and in the client.
     *
     * @param token     the opaque token
     * @param familyId  its session
     * @param expiresAt when the session ends
     */
    public record Issued(String token, String familyId, Instant expiresAt) {
    }

    /** Why a refresh token was not exchanged. */
    public enum Refusal {
        /** malformed, or no such token */
        INVALID,
        /** the session ran out */
        EXPIRED,
        /** the session was ended */
        REVOKED,
        /** the token was spent before: the session was ended now */
        REUSED
    }

    /**
     * Outcome of a refresh.
     *
     * @param userId  the account, when exchanged
     * @param next    the session's next token, when exchanged
     * @param refusal why not, otherwise
     */
    public record Refreshed(String userId, Issued next, Refusal refusal) {

        static Refreshed refused(Refusal refusal) {
            return new Refreshed(null, null, refusal);
        }
    }
}
