package dev.storefront.users.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The key settings operators can get wrong fail the start with a message that says what to fix. */
class SigningKeysConfigurationTest {

    private static Path directory;
    private static String currentPem;

    @BeforeAll
    static void writeKeys() throws Exception {
        directory = Files.createDirectories(Path.of("target", "signing-keys-configuration"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair current = generator.generateKeyPair();
        currentPem = pem("PRIVATE KEY", current.getPrivate().getEncoded());
        Files.writeString(directory.resolve("current.pem"), currentPem);
        Files.writeString(directory.resolve("retired.pem"), pem("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded()));
        Files.writeString(directory.resolve("public-only.pem"), pem("PUBLIC KEY", current.getPublic().getEncoded()));
    }

    @Test
    void theDirectorysKeysArePublishedAndTheCurrentOneSigns() {
        SigningKeys keys = new SigningKeys(config(Map.of("users.jwt.key-directory", directory.toString(),
                "users.jwt.current-key", "current.pem")));
        // public-only.pem is the current key's public half: published once
        assertThat(keys.publicKeys().getKeys().size(), is(2));
        assertThat(keys.publicKeys().getKeys().get(0).getKeyID(), is(keys.signingKey().getKeyID()));
        assertThat(keys.signingKey().isPrivate(), is(true));
    }

    @Test
    void aSingleKeyCanBeCombinedWithPublishedKeysOfADirectory() {
        SigningKeys keys = new SigningKeys(config(Map.of("users.jwt.private-key", currentPem,
                "users.jwt.key-directory", directory.toString())));
        assertThat(keys.publicKeys().getKeys().size(), is(2));
    }

    @Test
    void mistakesFailTheStartSayingWhatToFix() {
        assertFails(Map.of("users.jwt.key-directory", directory.toString()), "users.jwt.current-key (USERS_JWT_CURRENT_KEY)");
        assertFails(Map.of("users.jwt.key-directory", directory.toString(), "users.jwt.current-key", "missing.pem"),
                "missing.pem is not a .pem file in");
        assertFails(Map.of("users.jwt.key-directory", directory.toString(), "users.jwt.current-key", "retired.pem"),
                "must be a private key");
        assertFails(Map.of("users.jwt.current-key", "current.pem"), "users.jwt.current-key names a file in users.jwt.key-directory");
        assertFails(Map.of("users.jwt.key-directory", directory.toString(), "users.jwt.current-key", "current.pem",
                "users.jwt.key-id", "custom"), "users.jwt.key-id cannot be combined with users.jwt.key-directory");
        assertFails(Map.of("users.jwt.development-key.enabled", "false"), "No token signing key");
    }

    private static void assertFails(Map<String, String> settings, String message) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SigningKeys(config(settings)));
        assertThat(e.getMessage(), containsString(message));
    }

    private static Config config(Map<String, String> settings) {
        ConfigSource source = new ConfigSource() {
            @Override
            public Set<String> getPropertyNames() {
                return settings.keySet();
            }

            @Override
            public String getValue(String name) {
                return settings.get(name);
            }

            @Override
            public String getName() {
                return "test";
            }
        };
        return ConfigProviderResolver.instance().getBuilder().withSources(source).build();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
