package dev.storefront.subgraph.testing;

import dev.storefront.tokens.testing.JwksEndpoint;
import dev.storefront.tokens.testing.TestTokens;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stands in for the users service in a subgraph's tests: signs tokens with a test RSA key and
 * serves its JWKS over HTTP, and points the service at it by setting {@code security.jwks.url}
 * (plus issuer and audience) as system properties. Register it before {@code @HelidonTest}:
 * {@code @ExtendWith({FreshDatabaseExtension.class, TestTokenIssuer.class})}.
 *
 * <p>Besides valid tokens it mints the ones a protected operation must refuse: expired, signed
 * by a key outside the JWKS, issued for another audience.
 */
public class TestTokenIssuer implements BeforeAllCallback, AfterAllCallback {

    public static final String ISSUER = TestTokens.ISSUER;
    public static final String AUDIENCE = TestTokens.AUDIENCE;

    // the endpoint of the test class running now (one class at a time per JVM)
    private static volatile JwksEndpoint jwks;

    @Override
    public void beforeAll(ExtensionContext context) {
        jwks = new JwksEndpoint();
        jwks.publish(TestTokens.trustedKeys());
        System.setProperty("security.jwks.url", jwks.url().toString());
        System.setProperty("security.jwt.issuer", ISSUER);
        System.setProperty("security.jwt.audience", AUDIENCE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        jwks.close();
        System.clearProperty("security.jwks.url");
    }

    /** @return how many times the running test class's key set was fetched */
    public static int jwksFetches() {
        return jwks.fetches();
    }

    /**
     * A valid token for one hour.
     *
     * @param userId subject
     * @param roles  {@code groups}, e.g. {@code CUSTOMER}
     * @return compact JWS
     */
    public static String token(String userId, String... roles) {
        return TestTokens.token(userId, roles);
    }

    /** @return a token that expired ten minutes ago (beyond any clock skew) */
    public static String expiredToken(String userId, String... roles) {
        return TestTokens.expiredToken(userId, roles);
    }

    /** @return a token with the trusted key id but signed by another key */
    public static String tokenSignedByAnotherKey(String userId, String... roles) {
        return TestTokens.tokenSignedByAnotherKey(userId, roles);
    }

    /** @return a correctly signed token for another audience */
    public static String tokenForAudience(String audience, String userId, String... roles) {
        return TestTokens.tokenForAudience(audience, userId, roles);
    }
}
