package dev.storefront.e2e;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * The signing key rotates while the gateway and the subgraphs keep running: only users restarts,
 * with its key directory changed as users/README.md tells operators. A stack of its own (its
 * users signs with a key directory, not the shared stack's development key), with 1 s refetch
 * intervals so the test need not wait 10 s; the key sets' time to live stays the default 5 min,
 * so only refetching on an unknown key id can explain what the running verifiers pick up.
 */
class KeyRotationTest {

    private static final String ME_AND_ORDERS = "{ me { id } user(id: \"user-1\") { orders(first: 1) { edges { node { id } } } } }";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static Path keys;
    private static StorefrontStack stack;
    private static String gateway;

    @BeforeAll
    static void start() throws Exception {
        keys = Files.createTempDirectory(Path.of(System.getProperty("storefront.home", "..")).resolve("e2e/target"), "rotation-keys-");
        Files.writeString(keys.resolve("current.pem"), privatePem(newKey()));
        stack = StorefrontStack.start(Map.of(
                "USERS_JWT_KEY_DIRECTORY", keys.toString(),
                "USERS_JWT_CURRENT_KEY", "current.pem",
                "SECURITY_JWKS_REFETCH_INTERVAL", "PT1S",
                "GATEWAY_JWKS_MIN_REFRESH_MS", "1000"));
        gateway = stack.gatewayUrl();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void nobodyIsSignedOutAndOnlyUsersRestarts() throws Exception {
        String signedByOld = StorefrontStack.login(gateway, "ada@example.com", "storefront-demo");
        assertSignedIn(signedByOld); // the gateway and orders now hold the key set with the old key only

        // make a new key current and keep the old one published (its public key is enough)
        KeyPair next = newKey();
        String oldPem = Files.readString(keys.resolve("current.pem"));
        Files.writeString(keys.resolve("retired.pem"), publicPem(oldPem));
        Files.writeString(keys.resolve("current.pem"), privatePem(next));
        restartUsers();

        String signedByNew = StorefrontStack.login(gateway, "ada@example.com", "storefront-demo");
        assertThat(keyId(signedByNew), is(not(keyId(signedByOld))));
        // gateway and orders had the old set cached for 5 more minutes: the new kid made them fetch it
        assertSignedIn(signedByNew);
        assertSignedIn(signedByOld);

        // its tokens' lifetime later: the old key goes
        Files.delete(keys.resolve("retired.pem"));
        restartUsers();
        // users itself refuses the old key's tokens at once; the gateway and orders still hold the
        // old set (and remember the token as verified) until they fetch the set again:
        // a token naming an unknown key id makes each verifier fetch the set, which lacks the old key now
        String probe = withUnknownKeyId(signedByNew);
        assertThat(StorefrontStack.graphqlAnswer(gateway, "{ me { id } }", Map.of(), probe).status(), is(401));
        StorefrontStack.graphql(stack.url("orders"), "{ order(id: \"order-1\") { id } }", Map.of(), probe);

        // refused by the gateway itself (401 before any subgraph), not remembered for the rest of its minute
        StorefrontStack.Answer atGateway = StorefrontStack.graphqlAnswer(gateway, ME_AND_ORDERS, Map.of(), signedByOld);
        assertThat(atGateway.body().toString(), atGateway.status(), is(401));
        JsonObject atOrders = StorefrontStack.graphql(stack.url("orders"), "{ order(id: \"order-1\") { id } }", Map.of(), signedByOld);
        assertThat(atOrders.toString(), atOrders.getJsonArray("errors").getJsonObject(0).getString("message"),
                is("Not authenticated: The token's signature is not from a trusted key"));
        assertSignedIn(signedByNew);
    }

    /** `me` (users) and ada's orders (orders, through the gateway's entity fetch) both accept the token. */
    private static void assertSignedIn(String token) throws Exception {
        StorefrontStack.Answer answer = StorefrontStack.graphqlAnswer(gateway, ME_AND_ORDERS, Map.of(), token);
        assertThat(answer.body().toString(), answer.status(), is(200));
        assertThat(answer.body().toString(), answer.body().containsKey("errors"), is(false));
        assertThat(answer.body().getJsonObject("data").getJsonObject("me").getString("id"), is("user-1"));
    }

    private static void restartUsers() throws Exception {
        stack.process("users").close();
        stack.start("users");
        stack.process("users").awaitReady(Duration.ofSeconds(120));
        Thread.sleep(1100); // past the verifiers' 1 s refetch interval, whatever the restart took
    }

    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String privatePem(KeyPair key) {
        return pem("PRIVATE KEY", key.getPrivate().getEncoded());
    }

    /** @return the public key of a PKCS#8 PEM RSA private key, as an X.509 PEM */
    private static String publicPem(String privatePem) throws GeneralSecurityException {
        var factory = java.security.KeyFactory.getInstance("RSA");
        var crt = (java.security.interfaces.RSAPrivateCrtKey) factory.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(privatePem.replaceAll("-----[A-Z ]+-----", ""))));
        var publicKey = factory.generatePublic(new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String keyId(String token) {
        return header(token).getString("kid");
    }

    private static JsonObject header(String token) {
        String json = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return Json.createReader(new StringReader(json)).readObject();
    }

    /** @return the token's claims under a key id nobody published, signed by a throwaway key */
    private static String withUnknownKeyId(String token) throws GeneralSecurityException {
        JsonObject header = Json.createObjectBuilder(header(token)).add("kid", "unknown-key-id").build();
        String signingInput = BASE64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "." + token.split("\\.")[1];
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(newKey().getPrivate());
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
    }
}
