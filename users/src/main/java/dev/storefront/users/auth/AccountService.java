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
 */
@ApplicationScoped
public class AccountService {

    private static final System.Logger LOGGER = System.getLogger(AccountService.class.getName());

    private final UserRepository users;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final PasswordHasher hasher;
    private final CredentialRules rules;
    private final TrustedProxies trustedProxies;
    private final String unknownAccountHash;
    private final Clock clock = Clock.systemUTC();

    @Inject
    AccountService(UserRepository users, LoginThrottle throttle, TokenIssuer tokens, Config config) {
        this.users = users;
        this.throttle = throttle;
        this.tokens = tokens;
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
        Optional<String> clientAddress = clientAddress();
        Optional<Duration> addressLock = clientAddress.flatMap(a -> throttle.registrationLockedFor(a, now));
        if (addressLock.isPresent()) {
            return SignInResult.failed(List.of(new UserError("TOO_MANY_ATTEMPTS",
                    "Too many sign-ups from your network; try again in " + minutes(addressLock.get()))));
        }
        clientAddress.ifPresent(a -> throttle.registrationAttempted(a, now));
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
        if (!users.insert(user, hasher.hash(password))) {
            return SignInResult.failed(List.of(emailTaken())); // lost a race with a concurrent registration
        }
        return SignInResult.signedIn(user, tokens.issue(user));
    }

    /**
     * Sign in with email and password.
     *
     * @return the account and a token, or {@code INVALID_CREDENTIALS}, {@code ACCOUNT_LOCKED} or
     *         {@code TOO_MANY_ATTEMPTS}
     */
    public SignInResult login(String email, String password) {
        Instant now = clock.instant();
        Optional<String> clientAddress = clientAddress();
        Optional<Duration> addressLock = clientAddress.flatMap(a -> throttle.addressLockedFor(a, now));
        if (addressLock.isPresent()) {
            return SignInResult.failed(List.of(new UserError("TOO_MANY_ATTEMPTS",
                    "Too many failed sign-in attempts from your network; try again in " + minutes(addressLock.get()))));
        }
        String normalisedEmail = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        Optional<Duration> accountLock = throttle.accountLockedFor(normalisedEmail, now);
        if (accountLock.isPresent()) {
            return SignInResult.failed(List.of(new UserError("ACCOUNT_LOCKED",
                    "Too many failed sign-in attempts for this email address; try again in " + minutes(accountLock.get()))));
        }
        Optional<UserRepository.Credentials> credentials = users.findCredentialsByEmail(normalisedEmail);
        String hash = credentials.map(UserRepository.Credentials::passwordHash).orElse(null);
        boolean matches = hasher.verify(password == null ? "" : password, hash == null ? unknownAccountHash : hash) && hash != null;
        if (!matches) {
            throttle.failed(normalisedEmail, clientAddress, now);
            return SignInResult.failed(List.of(new UserError("INVALID_CREDENTIALS", "The email address or password is incorrect")));
        }
        throttle.succeeded(normalisedEmail);
        User user = credentials.get().user();
        if (hasher.needsRehash(hash)) {
            users.updatePasswordHash(user.getId(), hasher.hash(password));
        }
        return SignInResult.signedIn(user, tokens.issue(user));
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

    /** @return the client address of the request being served, when known (see {@link ClientAddress}) */
    private Optional<String> clientAddress() {
        return IncomingRequest.current()
                .flatMap(request -> ClientAddress.of(request.remoteAddress(), request.forwardedFor(), trustedProxies));
    }

    private static UserError emailTaken() {
        return new UserError("EMAIL_TAKEN", "An account with this email address already exists; sign in instead", "input", "email");
    }

    private static String minutes(Duration duration) {
        long seconds = Math.max(1, duration.toSeconds());
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }

    /**
     * Outcome of registering or signing in.
     *
     * @param user       the account, when it worked
     * @param token      its token, when it worked
     * @param userErrors what went wrong, empty when it worked
     */
    public record SignInResult(User user, TokenIssuer.Issued token, List<UserError> userErrors) {

        static SignInResult signedIn(User user, TokenIssuer.Issued token) {
            return new SignInResult(user, token, List.of());
        }

        static SignInResult failed(List<UserError> errors) {
            return new SignInResult(null, null, List.copyOf(errors));
        }
    }
}
