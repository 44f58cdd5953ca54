package dev.storefront.e2e.security;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Tokens a protected field must refuse, made from a real one the users service issued: the same
 * header ({@code kid}) and claims, changed in one respect and signed again (RS256 with the JDK;
 * the e2e module has no JOSE library, and a JWS is three base64url parts).
 * <ul>
 *     <li>expired — correctly signed with the users service's own (development) key, but past {@code exp};</li>
 *     <li>signed by another key — unchanged claims, the right {@code kid}, a key the JWKS does not hold;</li>
 *     <li>wrong audience — correctly signed, issued for another audience.</li>
 * </ul>
 */
final class ForgedTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    /** File name under the development key directory (users' SigningKeys). */
    private static final String DEVELOPMENT_KEY_FILE = "users-jwt-signing-key.dev.pem";

    private final PrivateKey usersKey;
    private final PrivateKey foreignKey;

    private ForgedTokens(PrivateKey usersKey, PrivateKey foreignKey) {
        this.usersKey = usersKey;
        this.foreignKey = foreignKey;
    }

    /**
     * @param developmentKeyDirectory where the stack's users service keeps its development key
     * @return a forger with that key and a freshly generated foreign one
     */
    static ForgedTokens withDevelopmentKeyIn(Path developmentKeyDirectory) throws IOException, GeneralSecurityException {
        Path file = developmentKeyDirectory.resolve(DEVELOPMENT_KEY_FILE);
        if (!Files.exists(file)) {
            throw new IllegalStateException("No development signing key at " + file
                    + ": the users service of this stack must sign with a generated development key");
        }
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey usersKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new ForgedTokens(usersKey, generator.generateKeyPair().getPrivate());
    }

    /** @return the token's claims, re-signed by the right key with issue and expiry two hours ago */
    String expired(String realToken) {
        long twoHoursAgo = Instant.now().minusSeconds(7200).getEpochSecond();
        JsonObjectBuilder claims = Json.createObjectBuilder(claims(realToken))
                .add("iat", twoHoursAgo).add("exp", twoHoursAgo + 600).add("jti", UUID.randomUUID().toString());
        return sign(header(realToken), claims.build(), usersKey);
    }

    /** @return the token's header and claims signed by a key the users service never published */
    String signedByAnotherKey(String realToken) {
        return sign(header(realToken), claims(realToken), foreignKey);
    }

    /** @return the token's claims for another audience, signed by the right key */
    String forAnotherAudience(String realToken) {
        JsonObject claims = Json.createObjectBuilder(claims(realToken)).add("aud", "another-app")
                .add("jti", UUID.randomUUID().toString()).build();
        return sign(header(realToken), claims, usersKey);
    }

    private static JsonObject header(String token) {
        return part(token, 0);
    }

    private static JsonObject claims(String token) {
        return part(token, 1);
    }

    private static JsonObject part(String token, int index) {
        String json = new String(BASE64URL_DECODER.decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String sign(JsonObject header, JsonObject claims, PrivateKey key) {
        String signingInput = BASE64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }
}
