package dev.storefront.users.auth;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.storefront.subgraph.security.IncomingRequest;
import dev.storefront.subgraph.security.TrustedProxies;
import dev.storefront.subgraph.types.UserError;
import dev.storefront.users.domain.Role;
import dev.storefront.users.domain.User;
import dev.storefront.users.persistence.UserRepository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Registering and signing in. Failures the person can fix come back as typed {@link UserError}s;
 * a failed sign-in never tells whether the email address has an account (same error, same
 * hashing work, same lockout). Passwords are only ever hashed, never stored, logged or returned.
 * Hashes run on {@link HashingThreads}, never on a request's thread, and never while a database
 * connection is held.
 */
@ApplicationScoped
public class AccountService {

    private static final System.Logger LOGGER = System.getLogger(AccountService.class.getName());

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final SessionService sessions;
    private final PasswordHasher hasher;
    private final HashingThreads hashing = HashingThreads.forAvailableProcessors();
    private final CredentialRules rules;
    private final TrustedProxies trustedProxies;
    private final String unknownAccountHash;
    private final Clock clock = Clock.systemUTC();

    @Inject
    AccountService(UserRepository users, LoginThrottle throttle, TokenIssuer tokens, SessionService sessions, Config config) {
        this.users = users;
        this.throttle = throttle;
        this.tokens = tokens;
        this.sessions = sessions;
        this.hasher = new PasswordHasher(
                config.getOptionalValue("users.password.argon2.memory-kib", Integer.class).orElse(19456),
                config.getOptionalValue("users.password.argon2.iterations", Integer.class).orElse(2),
                config.getOptionalValue("users.password.argon2.parallelism", Integer.class).orElse(1));
        this.rules = new CredentialRules(config.getOptionalValue("users.password.min-length", Integer.class).orElse(10));
        this.trustedProxies = TrustedProxies.of(config.getOptionalValue("users.login.trusted-proxies", String[].class).orElse(new String[0]));
        // verified against when the email has no account, so both cases cost the same time
        this.unknownAccountHash = hasher.hash(UUID.randomUUID().toString());
    }

    /**
     * Create a customer account and sign it in.
     *
     * @return the account and its token, or what to fix, or {@code TOO_MANY_ATTEMPTS} when the
     *         client address registered too often
     */
    public SignInResult register(String email, String password, String name) {
        Instant now = clock.instant();
        // counted before anything else, atomically: concurrent attempts cannot all pass the check
        Optional<Duration> addressLock = clientAddress().flatMap(a -> throttle.reserveRegistration(a, now));
        if (addressLock.isPresent()) {
            return SignInResult.failed(List.of(new UserError("TOO_MANY_ATTEMPTS",
                    "Too many sign-ups from your network; try again in " + minutes(addressLock.get()))));
        }
        List<UserError> errors = new ArrayList<>();
        Optional<String> normalisedEmail = rules.normaliseEmail(email);
        if (normalisedEmail.isEmpty()) {
            errors.add(new UserError("INVALID_EMAIL", "Enter an email address such as name@example.com", "input", "email"));
        }
        rules.passwordProblems(password, normalisedEmail.orElse(null))
                .forEach(problem -> errors.add(new UserError("WEAK_PASSWORD", problem, "input", "password")));
        Optional<String> normalisedName = rules.normaliseName(name);
        if (normalisedName.isEmpty()) {
            errors.add(new UserError("INVALID_NAME", "Enter a name of 1 to 200 characters", "input", "name"));
        }
        if (!errors.isEmpty()) {
            return SignInResult.failed(errors);
        }
        if (users.emailExists(normalisedEmail.get())) {
            return SignInResult.failed(List.of(emailTaken()));
        }
        User user = new User("user-" + UUID.randomUUID().toString().replace("-", ""), normalisedEmail.get(),
                normalisedName.get(), Role.CUSTOMER, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        if (!users.insert(user, hashing.run(() -> hasher.hash(password)))) {
            return SignInResult.failed(List.of(emailTaken())); // lost a race with a concurrent registration
        }
        return signIn(user);
    }

    /**
     * Sign in with email and password.
     *
     * @return the account and a token, or {@code INVALID_CREDENTIALS}, {@code ACCOUNT_LOCKED} or
     *         {@code TOO_MANY_ATTEMPTS}
     */
    public SignInResult login(String email, String password) {
        String normalisedEmail = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        Optional<UserRepository.Credentials> credentials = users.findCredentialsByEmail(normalisedEmail);
        Optional<List<UserError>> refused = checkPassword(normalisedEmail, password, credentials,
                new UserError("INVALID_CREDENTIALS", "The email address or password is incorrect"));
        return refused.isPresent() ? SignInResult.failed(refused.get()) : signIn(credentials.get().user());
    }

    /**
     * Exchange a refresh token for a new access token and the session's next refresh token.
     *
     * @return the account with both tokens, or {@code INVALID_REFRESH_TOKEN}, {@code SESSION_EXPIRED}
     *         or {@code SESSION_REVOKED} (also when the token was spent before: the session is ended now)
     */
    public SignInResult refresh(String refreshToken) {
        SessionService.Refreshed refreshed = sessions.refresh(refreshToken);
        if (refreshed.refusal() != null) {
            return SignInResult.failed(List.of(switch (refreshed.refusal()) {
                case INVALID -> invalidRefreshToken();
                case EXPIRED -> new UserError("SESSION_EXPIRED", "This session has run out; sign in again", "refreshToken");
                case REVOKED -> new UserError("SESSION_REVOKED", "This session was ended; sign in again", "refreshToken");
                case REUSED -> new UserError("SESSION_REVOKED",
                        "This refresh token was already used, so the session was ended to protect the account; sign in again",
                        "refreshToken");
            }));
        }
        // the account as it is now: a role changed since sign-in is in the new access token
        Optional<User> user = users.findById(refreshed.userId());
        if (user.isEmpty()) {
            return SignInResult.failed(List.of(invalidRefreshToken()));
        }
        return SignInResult.signedIn(user.get(), tokens.issue(user.get()), refreshed.next());
    }

    /**
     * End the session of a refresh token (sign out). Ending an ended or unknown session is no error.
     *
     * @return sessions ended (0 or 1), or {@code INVALID_REFRESH_TOKEN} for a malformed token
     */
    public SignOutResult logout(String refreshToken) {
        return sessions.end(refreshToken)
                .map(ended -> new SignOutResult(ended.intValue(), List.of()))
                .orElseGet(() -> new SignOutResult(0, List.of(invalidRefreshToken())));
    }

    /** End every session of the account (sign out everywhere). */
    public SignOutResult logoutEverywhere(String userId) {
        return new SignOutResult((int) sessions.endAll(userId), List.of());
    }

    /**
     * Change the signed-in account's password: the current one is checked like a sign-in (failures
     * count towards the same lockouts), the new one must follow the password rules. Every other
     * session of the account is ended, and the caller gets a new one.
     *
     * @return the account with a new session, or {@code INVALID_CREDENTIALS}, {@code ACCOUNT_LOCKED},
     *         {@code TOO_MANY_ATTEMPTS}, {@code WEAK_PASSWORD}
     */
    public SignInResult changePassword(String userId, String currentPassword, String newPassword) {
        Optional<UserRepository.Credentials> credentials = users.findCredentialsById(userId);
        String email = credentials.map(c -> c.user().getEmail()).orElse("");
        Optional<List<UserError>> refused = checkPassword(email, currentPassword, credentials,
                new UserError("INVALID_CREDENTIALS", "The current password is incorrect", "currentPassword"));
        if (refused.isPresent()) {
            return SignInResult.failed(refused.get());
        }
        List<UserError> problems = rules.passwordProblems(newPassword, email).stream()
                .map(problem -> new UserError("WEAK_PASSWORD", problem, "newPassword"))
                .toList();
        if (!problems.isEmpty()) {
            return SignInResult.failed(problems);
        }
        User user = credentials.get().user();
        users.updatePasswordHash(userId, hashing.run(() -> hasher.hash(newPassword)));
        long ended = sessions.endAll(userId);
        LOGGER.log(Level.INFO, "Password of " + userId + " changed; " + ended + " other sessions ended");
        return signIn(user);
    }

    /**
     * Check a password against an account, with the sign-in lockouts: an attempt is reserved
     * against the client address and the email address first (refused when either is locked out
     * or has no attempts left), then the password is hashed; a wrong one stays counted, a right
     * one gives the attempt back.
     *
     * @param normalisedEmail the account's email address (counted even when there is no account)
     * @param wrong           the error for a wrong password (or no such account)
     * @return the errors when the password was not accepted; empty when it was
     */
    private Optional<List<UserError>> checkPassword(String normalisedEmail, String password,
                                                    Optional<UserRepository.Credentials> credentials, UserError wrong) {
        try (LoginThrottle.SignInAttempt attempt = throttle.reserveSignIn(normalisedEmail, clientAddress(), clock.instant())) {
            if (!attempt.reserved()) {
                return Optional.of(List.of(switch (attempt.refusal()) {
                    case ADDRESS -> new UserError("TOO_MANY_ATTEMPTS",
                            "Too many failed sign-in attempts from your network; try again in " + minutes(attempt.retryAfter()));
                    case ACCOUNT -> new UserError("ACCOUNT_LOCKED",
                            "Too many failed sign-in attempts for this email address; try again in " + minutes(attempt.retryAfter()));
                }));
            }
            String hash = credentials.map(UserRepository.Credentials::passwordHash).orElse(null);
            String presented = password == null ? "" : password;
            boolean matches = hashing.run(() -> hasher.verify(presented, hash == null ? unknownAccountHash : hash)) && hash != null;
            if (!matches) {
                throttle.failed(attempt, clock.instant());
                return Optional.of(List.of(wrong));
            }
            throttle.succeeded(attempt);
            if (hasher.needsRehash(hash)) {
                users.updatePasswordHash(credentials.get().user().getId(), hashing.run(() -> hasher.hash(presented)));
            }
            return Optional.empty();
        }
    }

    /** A new session for the account: an access token and the session's first refresh token. */
    private SignInResult signIn(User user) {
        return SignInResult.signedIn(user, tokens.issue(user), sessions.start(user.getId()));
    }

    private static UserError invalidRefreshToken() {
        return new UserError("INVALID_REFRESH_TOKEN", "This is not a refresh token of this storefront; sign in again", "refreshToken");
    }

    /**
     * Make sure the configured administrator exists, is an admin and can sign in. An existing
     * password is kept: the configured one is the initial password, not a reset at every start.
     */
    void ensureAdmin(String email, String password, String name) {
        String normalisedEmail = rules.normaliseEmail(email)
                .orElseThrow(() -> new IllegalStateException("users.admin.email is not an email address"));
        List<String> problems = rules.passwordProblems(password, normalisedEmail);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("users.admin.password is not acceptable: " + String.join("; ", problems));
        }
        Optional<UserRepository.Credentials> existing = users.findCredentialsByEmail(normalisedEmail);
        if (existing.isEmpty()) {
            User admin = new User("user-" + UUID.randomUUID().toString().replace("-", ""), normalisedEmail,
                    rules.normaliseName(name).orElse("Store Admin"), Role.ADMIN, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
            if (users.insert(admin, hasher.hash(password))) {
                LOGGER.log(Level.INFO, "Created the administrator account " + normalisedEmail + " from configuration");
            }
            return;
        }
        User user = existing.get().user();
        if (user.getRole() != Role.ADMIN) {
            users.updateRole(user.getId(), Role.ADMIN);
            LOGGER.log(Level.INFO, "Granted ADMIN to the configured administrator " + normalisedEmail);
        }
        if (existing.get().passwordHash() == null) {
            users.updatePasswordHash(user.getId(), hasher.hash(password));
            LOGGER.log(Level.INFO, "Set the initial password of the administrator " + normalisedEmail + " from configuration");
        }
    }

    /** @return the client address of the request being served, when known (see {@link IncomingRequest#clientAddress}) */
    private Optional<String> clientAddress() {
        return IncomingRequest.current().flatMap(request -> request.clientAddress(trustedProxies));
    }

    private static UserError emailTaken() {
        return new UserError("EMAIL_TAKEN", "An account with this email address already exists; sign in instead", "input", "email");
    }

    private static String minutes(Duration duration) {
        long seconds = Math.max(1, duration.toSeconds());
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }

    /**
     * Outcome of registering, signing in, refreshing or changing the password.
     *
     * @param user         the account, when it worked
     * @param token        its access token, when it worked
     * @param refreshToken its session's refresh token, when it worked
     * @param userErrors   what went wrong, empty when it worked
     */
    public record SignInResult(User user, TokenIssuer.Issued token, SessionService.Issued refreshToken, List<UserError> userErrors) {

        static SignInResult signedIn(User user, TokenIssuer.Issued token, SessionService.Issued refreshToken) {
            return new SignInResult(user, token, refreshToken, List.of());
        }

        static SignInResult failed(List<UserError> errors) {
            return new SignInResult(null, null, null, List.copyOf(errors));
        }
    }

    /**
     * Outcome of signing out.
     *
     * @param sessionsEnded sessions this call ended (0 when they had ended already)
     * @param userErrors    what went wrong, empty when it worked
     */
    public record SignOutResult(int sessionsEnded, List<UserError> userErrors) {
    }
}
