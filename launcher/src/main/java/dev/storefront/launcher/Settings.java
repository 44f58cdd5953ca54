package dev.storefront.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * What an operator can change about the local stack (README, "Set up"). Each setting is an
 * environment variable, or the system property named like it ({@code STOREFRONT_PORT_OFFSET} →
 * {@code storefront.port-offset}); the environment wins.
 *
 * @param home         the checkout (jars, supergraph)
 * @param run          run directory: embedded database, logs, class-data archives, development keys
 * @param dbPort       database server port on 127.0.0.1
 * @param portOffset   added to every service and gateway port, so a second stack can run beside the first
 * @param startTimeout how long a starting process may go without progress before the start fails
 */
public record Settings(Path home, Path run, int dbPort, int portOffset, Duration startTimeout) {

    static final String RUN_DIR = "STOREFRONT_RUN_DIR";
    static final String DB_PORT = "STOREFRONT_DB_PORT";
    static final String PORT_OFFSET = "STOREFRONT_PORT_OFFSET";
    static final String START_TIMEOUT = ServiceProcess.START_TIMEOUT_SETTING;
    /** Long enough for a first start of users on a loaded 2-core machine (95 s seen) to be waited for. */
    static final int DEFAULT_START_TIMEOUT_SECONDS = 90;
    /** The highest port in use is payments' 8084. */
    private static final int MAX_PORT_OFFSET = 65535 - 8084;

    /**
     * @param env        environment variables
     * @param properties system properties ({@code storefront.home} is the checkout)
     * @return the settings
     * @throws Invalid naming the setting and what it accepts
     */
    public static Settings read(Map<String, String> env, Properties properties) {
        Path home = Path.of(properties.getProperty("storefront.home", ".")).toAbsolutePath().normalize();
        String run = value(env, properties, RUN_DIR);
        return new Settings(home,
                run == null ? home.resolve("run") : Path.of(run).toAbsolutePath().normalize(),
                number(env, properties, DB_PORT, 3306, 1, 65535, "a port number"),
                number(env, properties, PORT_OFFSET, 0, 0, MAX_PORT_OFFSET, "a whole number from 0 to " + MAX_PORT_OFFSET),
                Duration.ofSeconds(number(env, properties, START_TIMEOUT, DEFAULT_START_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE,
                        "a number of seconds")));
    }

    /** @return a port of the default layout moved by the offset */
    public int port(int defaultPort) {
        return defaultPort + portOffset;
    }

    /**
     * A service's database: its own name on the default ports, suffixed with the offset on shifted
     * ones, so stacks on different offsets over one database server keep their data apart.
     *
     * @param service service name
     * @return database name, e.g. {@code users} or {@code users_30000}
     */
    public String databaseName(String service) {
        return portOffset == 0 ? service : service + "_" + portOffset;
    }

    /** @return where the users service of this stack keeps its development signing key */
    public Path developmentKeyDirectory() {
        return run.resolve("keys");
    }

    private static String value(Map<String, String> env, Properties properties, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            value = properties.getProperty(propertyName(name));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** @return {@code STOREFRONT_PORT_OFFSET} → {@code storefront.port-offset} */
    static String propertyName(String variable) {
        String rest = variable.substring("STOREFRONT_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
        return "storefront." + rest;
    }

    private static int number(Map<String, String> env, Properties properties, String name, int fallback,
                              int min, int max, String expected) {
        String value = value(env, properties, name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below with what is accepted
        }
        throw new Invalid(name + " (or -D" + propertyName(name) + ") must be " + expected + ", not '" + value + "'");
    }

    /** A setting with a value the launcher cannot use. */
    public static final class Invalid extends IllegalArgumentException {

        Invalid(String message) {
            super(message);
        }
    }
}
