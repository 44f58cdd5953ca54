package dev.storefront.users;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import dev.storefront.subgraph.security.Caller;
import dev.storefront.tokens.TokenVerifier;
import dev.storefront.subgraph.testing.FreshDatabaseExtension;
import dev.storefront.subgraph.testing.GraphQlClient;
import dev.storefront.users.auth.SigningKeys;
import dev.storefront.users.auth.TokenIssuer;
import dev.storefront.users.domain.Role;
import dev.storefront.users.domain.User;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.storefront.subgraph.testing.GraphQlClient.at;
import static dev.storefront.subgraph.testing.GraphQlClient.string;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Tokens and who may read what: the JWKS over HTTP verifies real login tokens (with nimbus and
 * with token-verification's TokenVerifier, as other subgraphs will), {@code me} refuses expired,
 * forged and misaddressed tokens, and {@code user}/{@code users} enforce ownership and roles.
 */
@ExtendWith(FreshDatabaseExtension.class)
@HelidonTest
class TokensAndAccessTest {

    @Inject
    TokenIssuer tokens;
    @Inject
    SigningKeys keys;

    private GraphQlClient client;

    @BeforeEach
    void connect() {
        client = GraphQlClient.forRunningServer();
    }

    @Test
    void loginTokensVerifyAgainstThePublishedJwks() throws Exception {
        HttpResponse<String> jwksResponse = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base().resolve("/.well-known/jwks.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jwksResponse.statusCode(), is(200));
        assertThat(jwksResponse.headers().firstValue("Content-Type").orElse(""), startsWith("application/jwk-set+json"));
        assertThat(jwksResponse.headers().firstValue("Cache-Control").orElse(""), is("public, max-age=300"));
        JWKSet jwks = JWKSet.parse(jwksResponse.body());
        assertThat(jwks.getKeys().size(), is(1));
        JWK published = jwks.getKeys().get(0);
        assertThat(published.isPrivate(), is(false));
        assertThat(jwksResponse.body().contains("\"d\""), is(false));

        String token = Sessions.token(client, "barbara@example.com", Sessions.DEMO_PASSWORD);
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm(), is(JWSAlgorithm.RS256));
        assertThat(jwt.getHeader().getKeyID(), is(published.getKeyID()));
        assertThat(jwt.verify(new RSASSAVerifier(published.toRSAKey())), is(true));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer(), is("storefront-users"));
        assertThat(claims.getAudience(), is(List.of("storefront")));
        assertThat(claims.getSubject(), is("user-4"));
        assertThat(claims.getStringListClaim("groups"), is(List.of("CUSTOMER")));
        assertThat(claims.getJWTID() != null, is(true));
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()), is(Duration.ofMinutes(15)));

        // exactly what another subgraph does with security.jwks.url
        TokenVerifier remote = TokenVerifier.remote(base().resolve("/.well-known/jwks.json").toURL(), Duration.ofMinutes(5),
                Duration.ofSeconds(10), new TokenVerifier.Policy("storefront-users", "storefront", Duration.ofSeconds(30)));
        assertThat(callerOf(remote.verify(token)), is(new Caller("user-4", Set.of("CUSTOMER"))));
    }

    @Test
    void meNeedsAValidToken() throws Exception {
        GraphQlClient ada = Sessions.customer(client, "ada@example.com");
        assertThat(at(ada.query("{ me { id name role } }"), "data.me").toString(),
                is("{\"id\":\"user-1\",\"name\":\"Ada Lovelace\",\"role\":\"CUSTOMER\"}"));

        assertRefused(client.query("{ me { id } }"), "me", "Not authenticated: sign in and send 'Authorization: Bearer <token>'");

        User adaUser = new User("user-1", "ada@example.com", "Ada Lovelace", Role.CUSTOMER, "2026-01-05T09:00:00Z");
        String expired = tokens.issue(adaUser, Instant.now().minus(Duration.ofHours(2))).token();
        assertRefused(client.withBearer(expired).query("{ me { id } }"), "me", "Not authenticated: The token has expired; sign in again");

        // a forger who knows the key id but not the key
        RSAKey forgerKey = new RSAKeyGenerator(2048).keyID(keys.signingKey().getKeyID()).generate();
        String forged = sign(forgerKey, claims("user-5", "storefront", List.of("ADMIN")));
        assertRefused(client.withBearer(forged).query("{ me { id } }"), "me", "Not authenticated: The token's signature is not from a trusted key");

        String otherAudience = sign(keys.signingKey(), claims("user-1", "some-other-app", List.of("CUSTOMER")));
        assertRefused(client.withBearer(otherAudience).query("{ me { id } }"), "me", "Not authenticated: The token was issued for another audience");
    }

    @Test
    void customersReadOnlyThemselvesAndAdminsReadAnyone() {
        GraphQlClient ada = Sessions.customer(client, "ada@example.com");
        assertThat(string(ada.query("{ user(id: \"user-1\") { name } }"), "data.user.name"), is("Ada Lovelace"));
        assertRefused(ada.query("{ user(id: \"user-2\") { name email } }"), "user", "Access denied: this belongs to another account");
        // unknown ids are refused the same way, so customers cannot probe which ids exist
        assertRefused(ada.query("{ user(id: \"user-404\") { name } }"), "user", "Access denied: this belongs to another account");
        assertRefused(client.query("{ user(id: \"user-1\") { name } }"), "user", "Not authenticated: sign in and send 'Authorization: Bearer <token>'");

        GraphQlClient admin = Sessions.admin(client);
        assertThat(string(admin.query("{ user(id: \"user-2\") { email } }"), "data.user.email"), is("grace@example.com"));
        assertThat(at(admin.query("{ user(id: \"user-404\") { email } }"), "data.user"), is(JsonValue.NULL));
    }

    @Test
    void listingUsersIsForAdminsOnly() {
        JsonObject asCustomer = Sessions.customer(client, "grace@example.com").query("{ users(first: 2) { edges { node { id } } } }");
        assertThat(at(asCustomer, "data"), is(JsonValue.NULL));
        assertThat(string(asCustomer, "errors.0.message"), is("Access denied: this operation requires the ADMIN role"));
        assertThat(at(asCustomer, "errors.0.path").toString(), is("[\"users\"]"));

        JsonObject asAdmin = Sessions.admin(client).query("{ users(first: 2) { edges { node { id } } } }");
        assertThat(at(asAdmin, "data.users.edges").toString(), is("[{\"node\":{\"id\":\"user-1\"}},{\"node\":{\"id\":\"user-2\"}}]"));
    }

    private static JWTClaimsSet claims(String subject, String audience, List<String> groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("storefront-users").audience(audience).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).claim("groups", groups).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void assertRefused(JsonObject response, String field, String message) {
        assertThat(response.toString(), at(response, "data." + field), is(JsonValue.NULL));
        assertThat(string(response, "errors.0.message"), is(message));
        assertThat(at(response, "errors.0.path").toString(), is("[\"" + field + "\"]"));
    }

    private static URI base() {
        return URI.create("http://localhost:" + CDI.current().getBeanManager().getExtension(ServerCdiExtension.class).port());
    }

    /** Who a subgraph takes the caller of a verified token to be. */
    private static Caller callerOf(dev.storefront.tokens.VerifiedToken token) {
        return new Caller(token.subject(), token.roles());
    }
}
