package dev.storefront.launcher;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The operator's settings of bin/start (README, "Set up") and what each stack makes of them. */
class SettingsTest {

    private static final Path HOME = Path.of("/checkout");

    @Test
    void theDefaultsAreTheReadmesLayout() {
        Settings settings = read(Map.of());
        assertThat(settings.run(), is(HOME.resolve("run")));
        assertThat(settings.dbPort(), is(3306));
        assertThat(settings.port(4000), is(4000));
        assertThat(settings.databaseName("users"), is("users"));
        assertThat(settings.startTimeout(), is(Duration.ofSeconds(90)));
        assertThat(settings.developmentKeyDirectory(), is(HOME.resolve("run/keys")));
    }

    @Test
    void aStackOnAnOffsetHasItsOwnDatabasesOnTheSameServer() {
        Settings shifted = read(Map.of("STOREFRONT_PORT_OFFSET", "100"));
        assertThat(shifted.port(8081), is(8181));
        assertThat(shifted.databaseName("users"), is("users_100"));
        Map<String, String> orders = Main.serviceEnvironment(shifted, Main.SERVICES.get(2), "false");
        assertThat(orders, hasEntry("SERVER_PORT", "8183"));
        assertThat(orders, hasEntry("PRODUCTS_URL", "http://localhost:8182"));
        assertThat(orders, hasEntry("USERS_URL", "http://localhost:8181"));
        assertThat(orders.get("DB_CONNECTION_URL"), containsString("127.0.0.1:3306/orders_100?"));
        assertThat(Main.serviceEnvironment(read(Map.of()), Main.SERVICES.get(2), "false").get("DB_CONNECTION_URL"),
                containsString("127.0.0.1:3306/orders?"));
    }

    @Test
    void usersKeepsItsDevelopmentKeyInTheRunDirectory() {
        Settings settings = read(Map.of("STOREFRONT_RUN_DIR", "/tmp/second-stack"));
        assertThat(Main.serviceEnvironment(settings, Main.SERVICES.get(0), "false"),
                hasEntry("USERS_JWT_DEVELOPMENT_KEY_DIRECTORY", "/tmp/second-stack/keys"));
        assertThat(Main.serviceEnvironment(settings, Main.SERVICES.get(1), "false"),
                not(hasKey("USERS_JWT_DEVELOPMENT_KEY_DIRECTORY")));
    }

    @Test
    void aPortInUseStopsTheStartBeforeAnythingStartsSayingWhichAndWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // the stack whose products port is the one taken
            int offset = taken.getLocalPort() - 8082;
            String message = Main.portsInUse(read(Map.of("STOREFRONT_PORT_OFFSET", String.valueOf(offset))));
            assertThat(message, containsString("port " + taken.getLocalPort() + " (products) already in use"));
            assertThat(message, containsString("STOREFRONT_PORT_OFFSET=" + (offset + 100)));
        }
    }

    @Test
    void theStartTimeoutIsAnEnvironmentVariableOrAProperty() {
        assertThat(read(Map.of("STOREFRONT_START_TIMEOUT", "300")).startTimeout(), is(Duration.ofSeconds(300)));
        Properties properties = properties();
        properties.setProperty("storefront.start-timeout", "240");
        assertThat(Settings.read(Map.of(), properties).startTimeout(), is(Duration.ofSeconds(240)));
        // the environment wins
        assertThat(Settings.read(Map.of("STOREFRONT_START_TIMEOUT", "120"), properties).startTimeout(),
                is(Duration.ofSeconds(120)));
    }

    @Test
    void aValueTheLauncherCannotUseIsNamedWithWhatItAccepts() {
        assertInvalid("STOREFRONT_PORT_OFFSET", "-5", "STOREFRONT_PORT_OFFSET (or -Dstorefront.port-offset) must be a whole number from 0 to 57451, not '-5'");
        assertInvalid("STOREFRONT_PORT_OFFSET", "60000", "must be a whole number from 0 to 57451");
        assertInvalid("STOREFRONT_DB_PORT", "mysql", "STOREFRONT_DB_PORT (or -Dstorefront.db-port) must be a port number, not 'mysql'");
        assertInvalid("STOREFRONT_START_TIMEOUT", "90s", "STOREFRONT_START_TIMEOUT (or -Dstorefront.start-timeout) must be a number of seconds, not '90s'");
    }

    private static void assertInvalid(String name, String value, String message) {
        Settings.Invalid invalid = assertThrows(Settings.Invalid.class, () -> read(Map.of(name, value)));
        assertThat(invalid.getMessage(), containsString(message));
    }

    private static Settings read(Map<String, String> env) {
        return Settings.read(env, properties());
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("storefront.home", HOME.toString());
        return properties;
    }
}
