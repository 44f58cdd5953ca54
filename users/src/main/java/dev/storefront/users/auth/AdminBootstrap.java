package dev.storefront.users.auth;

import java.lang.System.Logger.Level;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE;

/**
 * Creates the initial administrator at start-up from {@code users.admin.email},
 * {@code users.admin.password} (set {@code USERS_ADMIN_PASSWORD} in production; there is no
 * password in code) and optionally {@code users.admin.name}. Runs after the migrations and before
 * the server serves.
 */
@ApplicationScoped
class AdminBootstrap {

    private static final System.Logger LOGGER = System.getLogger(AdminBootstrap.class.getName());

    void bootstrap(@Observes @Priority(PLATFORM_BEFORE + 10) @Initialized(ApplicationScoped.class) Object event,
                   Config config, AccountService accounts) {
        var email = config.getOptionalValue("users.admin.email", String.class);
        if (email.isEmpty()) {
            LOGGER.log(Level.INFO, "users.admin.email is not set: no administrator account is bootstrapped");
            return;
        }
        String password = config.getOptionalValue("users.admin.password", String.class)
                .orElseThrow(() -> new IllegalStateException("users.admin.email is set but users.admin.password"
                        + " (USERS_ADMIN_PASSWORD) is not"));
        accounts.ensureAdmin(email.get(), password, config.getOptionalValue("users.admin.name", String.class).orElse("Store Admin"));
    }
}
