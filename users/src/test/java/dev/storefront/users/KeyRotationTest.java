package dev.storefront.users;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

import dev.storefront.subgraph.security.Caller;
import dev.storefront.tokens.InvalidTokenException;
import dev.storefront.tokens.TokenVerifier;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The users service in the middle of a key rotation, configured the way an operator does it: a
 * key directory with the current key (PKCS#8), the retired key (its public key only: the private
 * part may already be destroyed) and the next key (published ahead of signing with it). Real HTTP,
 * real database.
 */
@ExtendWith({FreshDatabaseExtension.class, KeyRotationTest.KeyDirectory.class})
@HelidonTest
class KeyRotationTest {

    @Test
    void publishesEveryKeyOfTheDirectoryAndSignsWithTheCurrentOne() throws Exception {
        JWKSet jwks = JWKSet.parse(get("/.well-known/jwks.json"));
        assertThat(jwks.getKeys().stream().map(JWK::getKeyID).toList(),
                is(List.of(KeyDirectory.current.getKeyID(), KeyDirectory.retired.getKeyID(), KeyDirectory.next.getKeyID())));
        assertThat(jwks.getKeys().stream().anyMatch(JWK::isPrivate), is(false));
        // thumbprints: the id a key had while it was current is the id it keeps when retired
        assertThat(KeyDirectory.current.getKeyID(), is(KeyDirectory.current.computeThumbprint().toString()));

        String token = Sessions.token(GraphQlClient.forRunningServer(), "ada@example.com", Sessions.DEMO_PASSWORD);
        assertThat(SignedJWT.parse(token).getHeader().getKeyID(), is(KeyDirectory.current.getKeyID()));
        assertThat(callerOf(verifierOfAnotherSubgraph().verify(token)), is(new Caller("user-1", Set.of("CUSTOMER"))));
    }

    @Test
    void aTokenSignedByTheRetiredKeyIsStillAcceptedUntilItExpires() throws Exception {
        // issued before the rotation, by the key that was current then
        String beforeRotation = sign(KeyDirectory.retired, "user-2");
        JsonObject me = GraphQlClient.forRunningServer().withBearer(beforeRotation).query("{ me { id } }");
        assertThat(me.toString(), string(me, "data.me.id"), is("user-2"));
        assertThat(callerOf(verifierOfAnotherSubgraph().verify(beforeRotation)), is(new Caller("user-2", Set.of("CUSTOMER"))));
    }

    @Test
    void aKeyOutsideTheDirectoryIsRefusedAsBefore() throws Exception {
        RSAKey removed = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
        String token = sign(removed, "user-2");
        JsonObject me = GraphQlClient.forRunningServer().withBearer(token).query("{ me { id } }");
        assertThat(at(me, "data.me"), is(JsonValue.NULL));
        assertThat(string(me, "errors.0.message"), is("Not authenticated: The token's signature is not from a trusted key"));
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> verifierOfAnotherSubgraph().verify(token));
        assertThat(refused.reason(), is(InvalidTokenException.Reason.BAD_SIGNATURE));
    }

    private static TokenVerifier verifierOfAnotherSubgraph() throws IOException {
        return TokenVerifier.remote(base().resolve("/.well-known/jwks.json").toURL(), Duration.ofMinutes(5),
                Duration.ofSeconds(10), new TokenVerifier.Policy("storefront-users", "storefront", Duration.ofSeconds(30)));
    }

    private static String sign(RSAKey key, String subject) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("storefront-users").audience("storefront").subject(subject)
                .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("groups", List.of("CUSTOMER")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(200));
        return response.body();
    }

    private static URI base() {
        return URI.create("http://localhost:" + CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port());
    }

    /**
     * Writes the key directory (under target/) and points the service at it before the container
     * starts: {@code users.jwt.key-directory} and {@code users.jwt.current-key} as system properties.
     */
    static class KeyDirectory implements BeforeAllCallback, AfterAllCallback {
        static RSAKey current;
        static RSAKey retired;
        static RSAKey next;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            current = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
            retired = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
            next = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
            Path directory = Files.createDirectories(Path.of("target", "rotation-keys"));
            try (var old = Files.list(directory)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            Files.writeString(directory.resolve("2026-12.pem"), pem("PRIVATE KEY", current.toRSAPrivateKey().getEncoded()));
            Files.writeString(directory.resolve("2026-06.pem"), pem("PUBLIC KEY", retired.toRSAPublicKey().getEncoded()));
            Files.writeString(directory.resolve("2027-06.pem"), pem("PRIVATE KEY", next.toRSAPrivateKey().getEncoded()));
            Files.writeString(directory.resolve("README.txt"), "not a key: ignored");
            System.setProperty("users.jwt.key-directory", directory.toString());
            System.setProperty("users.jwt.current-key", "2026-12.pem");
        }

        @Override
        public void afterAll(ExtensionContext context) {
            System.clearProperty("users.jwt.key-directory");
            System.clearProperty("users.jwt.current-key");
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }

    /** Who a subgraph takes the caller of a verified token to be. */
    private static Caller callerOf(dev.storefront.tokens.VerifiedToken token) {
        return new Caller(token.subject(), token.roles());
    }
}
