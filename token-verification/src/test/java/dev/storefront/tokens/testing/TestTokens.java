package dev.storefront.tokens.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Test fixture: tokens as the users service signs them (RS256, its issuer and audience), by one
 * trusted test key, and the untrustworthy kinds every verifier must refuse. Publish
 * {@link #trustedKeys()} on a {@link JwksEndpoint} for the verifier under test.
 */
public final class TestTokens {

    public static final String ISSUER = "storefront-users";
    public static final String AUDIENCE = "storefront";

    private static final RSAKey SIGNING_KEY = generate("test-key");
    // same key id as the trusted key, other key material: a forgery attempt
    private static final RSAKey FOREIGN_KEY = generate("test-key");

    private TestTokens() {
    }

    /** The public half of the trusted key, as the users service publishes it. */
    public static JWKSet trustedKeys() {
        return new JWKSet(SIGNING_KEY.toPublicJWK());
    }

    /** @return a valid token for one hour, with these roles ({@code groups}) */
    public static String token(String userId, String... roles) {
        return sign(SIGNING_KEY, claims(userId, AUDIENCE, Instant.now(), Duration.ofHours(1), roles));
    }

    /** @return a token that expired ten minutes ago (beyond any clock skew) */
    public static String expiredToken(String userId, String... roles) {
        return sign(SIGNING_KEY, claims(userId, AUDIENCE, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(110), roles));
    }

    /** @return a token with the trusted key id but signed by another key */
    public static String tokenSignedByAnotherKey(String userId, String... roles) {
        return sign(FOREIGN_KEY, claims(userId, AUDIENCE, Instant.now(), Duration.ofHours(1), roles));
    }

    /** @return a correctly signed token for another audience */
    public static String tokenForAudience(String audience, String userId, String... roles) {
        return sign(SIGNING_KEY, claims(userId, audience, Instant.now(), Duration.ofHours(1), roles));
    }

    private static JWTClaimsSet claims(String userId, String audience, Instant issuedAt, Duration lifetime, String... roles) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject(userId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("groups", List.of(roles))
                .build();
    }

    /** @return the claims signed RS256 by the key, with its key id */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a new 2048-bit RSA key with this key id */
    public static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
